import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
  type GlobalSecondaryIndexPropsV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableDefinition } from '@pv/shared/table';

export interface DataStackProps extends StackProps {
  envName: string;
}

/** Every key attribute of Parent Voice is a string (prefixed keys like `TENANT#t#PANEL#p`). */
const key = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * The one table, built from the same `tableDefinition` the local bootstrap uses. Stateful and
 * deployed on its own: nothing in the stateless stacks can replace or delete it.
 */
export class DataStack extends Stack {
  readonly table: TableV2;
  /** A plain string (not a token): other stacks address the table by it without importing its ARN. */
  readonly tableName: string;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    const globalSecondaryIndexes: GlobalSecondaryIndexPropsV2[] = tableDefinition.globalIndexes.map((index) => ({
      indexName: index.indexName,
      partitionKey: key(index.partitionKey),
      sortKey: key(index.sortKey),
    }));

    // A fixed name: a change that would replace the table fails the deploy instead of quietly
    // creating an empty table next to the retained one.
    this.tableName = `parent-voice-${props.envName}`;
    this.table = new TableV2(this, 'Table', {
      tableName: this.tableName,
      partitionKey: key(tableDefinition.partitionKey),
      sortKey: key(tableDefinition.sortKey),
      globalSecondaryIndexes,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      dynamoStream: StreamViewType[tableDefinition.stream],
      encryption: TableEncryptionV2.awsManagedKey(),
    });
  }
}

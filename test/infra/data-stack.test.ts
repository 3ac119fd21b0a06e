import { describe, expect, it } from 'vitest';
import { tableDefinition } from '../../shared/src/table.ts';
import { defaultTemplates, resourcesOf, synthTemplates } from './parent-voice-app.fixture.ts';

function theTable(template = defaultTemplates().data) {
  const tables = resourcesOf(template, 'AWS::DynamoDB::GlobalTable');
  expect(tables).toHaveLength(1);
  return tables[0]![1];
}

describe('the table in AWS', () => {
  it('has the keys of shared/src/table.ts, all strings', () => {
    const table = theTable();
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    const keyNames = [
      tableDefinition.partitionKey,
      tableDefinition.sortKey,
      ...tableDefinition.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    expect(table.Properties.AttributeDefinitions).toEqual(keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })));
  });

  it('has exactly the global indexes of the table definition, projecting everything', () => {
    const table = theTable();
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      tableDefinition.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  it('expires items by the TTL attribute and streams new and old images', () => {
    const table = theTable();
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true });
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: tableDefinition.stream });
  });

  it('keeps point-in-time recovery and deletion protection on', () => {
    const [replica] = theTable().Properties.Replicas;
    expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(replica.DeletionProtectionEnabled).toBe(true);
  });

  it('is retained when the stack is deleted or the resource replaced', () => {
    const table = theTable();
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('bills on demand and is encrypted with the AWS managed key', () => {
    const table = theTable();
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
  });

  it('names the table and every stack after the environment from context', () => {
    const prod = synthTemplates({ context: { env: 'prod' } });
    expect(theTable(prod.data).Properties.TableName).toBe('parent-voice-prod');
    expect(prod.stacks.data.stackName).toBe('ParentVoice-prod-Data');
    expect(prod.stacks.api.stackName).toBe('ParentVoice-prod-Api');
    expect(theTable().Properties.TableName).toBe('parent-voice-dev');
  });

  it('lives in its own stack, protected from termination, holding nothing else', () => {
    const { stacks, data } = defaultTemplates();
    expect(stacks.data.terminationProtection).toBe(true);
    const types = Object.values(data.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types.filter((type) => type !== 'AWS::CDK::Metadata')).toEqual(['AWS::DynamoDB::GlobalTable']);
  });
});

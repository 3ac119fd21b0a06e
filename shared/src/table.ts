/**
 * The one DynamoDB table, defined once. The CDK data stack and the local bootstrap both read this,
 * so the table in AWS and the table on a developer's machine cannot drift apart.
 * Access patterns: docs/data-model.md.
 */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /**
   * Add at most one index per release: DynamoDB (and so CloudFormation) creates one new global
   * index per table update, and a deployed stack is updated, not recreated.
   */
  globalIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
  /** Epoch seconds; DynamoDB deletes the item some time after this. */
  timeToLiveAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
} as const;

export type TableDefinition = typeof tableDefinition;

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, Page } from '@pv/shared/config.schema';
import { batchDelete, db, decodeCursor, encodeCursor, tableName } from '../platform/dynamodb.ts';
import { auditKeys } from './audit.keys.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The audit entry as one item of the transaction that makes the change: both land, or neither. */
export function auditPut(tenantId: string, entry: AuditEntry): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...auditKeys.entry(tenantId, entry.id), type: 'audit', tenantId, ...entry },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

function auditCursor(tenantId: string, cursor: string | undefined) {
  // A cursor can only continue within the caller's own tenant.
  return decodeCursor(cursor, (key) => key.PK === auditKeys.partition(tenantId) && typeof key.SK === 'string' && Object.keys(key).length === 2);
}

export async function listAudit(tenantId: string, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': auditKeys.partition(tenantId), ':sk': 'AUDIT#' },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: auditCursor(tenantId, cursor),
    }),
  );
  const items = (out.Items ?? []).map(
    (i) =>
      ({
        id: i.id,
        at: i.at,
        actor: i.actor,
        action: i.action,
        kind: i.kind,
        itemId: i.itemId,
        changes: i.changes,
        ...(typeof i.summary === 'string' ? { summary: i.summary } : {}),
      }) as AuditEntry,
  );
  const next = encodeCursor(out.LastEvaluatedKey);
  return next ? { items, next } : { items };
}

/**
 * Retention: deletes the tenant's audit entries made before `before` (an ISO instant, compared with
 * each entry's `at`), reading every page of the partition (keys only and `at`). Returns how many went.
 */
export async function deleteAuditBefore(tenantId: string, before: string): Promise<number> {
  let deleted = 0;
  let start: Record<string, unknown> | undefined;
  for (;;) {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': auditKeys.partition(tenantId), ':sk': 'AUDIT#' },
        ProjectionExpression: 'PK, SK, #at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExclusiveStartKey: start,
      }),
    );
    const items = out.Items ?? [];
    const due = items.filter((i) => typeof i.at === 'string' && i.at < before);
    deleted += await batchDelete(due as { PK: string; SK: string }[]);
    if (!out.LastEvaluatedKey) return deleted;
    start = out.LastEvaluatedKey;
  }
}

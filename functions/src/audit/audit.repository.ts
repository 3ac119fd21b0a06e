import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, Page } from '@pv/shared/config.schema';
import { DomainError } from '@pv/shared/errors';
import { db, tableName } from '../platform/dynamodb.ts';
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

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

function decodeCursor(tenantId: string, cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    // A cursor can only continue within the caller's own tenant.
    if (key.PK !== auditKeys.partition(tenantId) || typeof key.SK !== 'string') throw new Error('foreign cursor');
    return { PK: key.PK, SK: key.SK };
  } catch {
    throw new DomainError('invalid', 'That page of the audit log does not exist.');
  }
}

export async function listAudit(tenantId: string, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': auditKeys.partition(tenantId), ':sk': 'AUDIT#' },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(tenantId, cursor),
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

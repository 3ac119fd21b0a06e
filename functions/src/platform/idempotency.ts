import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '@pv/shared/errors';
import { db, isConditionFailure, tableName } from './dynamodb.ts';
import { idempotencyKeys } from './idempotency.keys.ts';

/**
 * Idempotency for POSTs that create things. The first request with a key claims it (conditional put),
 * runs, and stores its response; a retry with the same key gets the stored response back, so a
 * double-submitted form or a retried request creates one thing.
 *
 * One record per caller and key (see `idempotency.keys.ts`); `expiresAt` is its TTL (24 hours).
 */
export interface StoredResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

const TTL_SECONDS = 24 * 60 * 60;
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,80}$/;

export function hashRequest(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

export async function withIdempotency(
  scope: { tenantId: string; caller: string; key: string; requestHash: string },
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (!KEY_PATTERN.test(scope.key)) {
    throw new DomainError('invalid', 'The Idempotency-Key header must be 8 to 80 letters, numbers, dashes or underscores.');
  }
  const Key = idempotencyKeys.record(scope.tenantId, scope.caller, scope.key);
  const now = Math.floor(Date.now() / 1000);
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...Key, state: 'in-progress', requestHash: scope.requestHash, expiresAt: now + TTL_SECONDS },
        // An expired claim that TTL has not yet removed counts as free.
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': now },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key, ConsistentRead: true }));
    if (!Item) throw new DomainError('conflict', 'This request is being processed. Try again in a moment.', { code: 'in-progress' });
    if (Item.requestHash !== scope.requestHash) {
      throw new DomainError('unprocessable', 'This Idempotency-Key was already used for a different request.', {
        code: 'idempotency-key-reused',
      });
    }
    if (Item.state !== 'done') {
      throw new DomainError('conflict', 'This request is still being processed. Try again in a moment.', { code: 'in-progress' });
    }
    return Item.response as StoredResponse;
  }

  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    // Nothing was created, so free the key: a corrected retry with the same key may go ahead.
    await db().send(new DeleteCommand({ TableName: tableName(), Key }));
    throw error;
  }
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key,
      UpdateExpression: 'SET #state = :done, #response = :response',
      ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
      ExpressionAttributeValues: { ':done': 'done', ':response': response },
    }),
  );
  return response;
}

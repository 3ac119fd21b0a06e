import { PutCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, tableName } from '../platform/dynamodb.ts';
import { newId, nowIso } from '../platform/ids.ts';
import { outboxKeys } from './outbox.keys.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface OutboxMessage {
  id: string;
  tenantId: string;
  to: string;
  subject: string;
  text: string;
  /** What kind of message, for counting without reading the text (e.g. "panel-confirmation"). */
  template: string;
}

/**
 * A message waiting to be sent expires after 30 days; once sent, its copy is kept for the tenant's
 * `keepSentMessagesDays` (retention settings, default 90) from sending, then TTL deletes it (the
 * personal data in it goes with it).
 */
const KEEP_SECONDS = 30 * 24 * 60 * 60;

export function newOutboxMessage(tenantId: string, message: Omit<OutboxMessage, 'id' | 'tenantId'>): OutboxMessage {
  return { id: newId(), tenantId, ...message };
}

export function outboxPut(message: OutboxMessage): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...outboxKeys.message(message.tenantId, message.id),
        type: 'outbox',
        state: 'pending',
        createdAt: nowIso(),
        expiresAt: Math.floor(Date.now() / 1000) + KEEP_SECONDS,
        ...message,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** For a message that is not part of a bigger write. */
export async function enqueue(message: OutboxMessage): Promise<void> {
  await db().send(new PutCommand(outboxPut(message).Put!));
}

/** Claims a message for sending; false when another delivery of the same stream record got there first. */
export async function claim(tenantId: string, id: string): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: outboxKeys.message(tenantId, id),
        UpdateExpression: 'SET #state = :sending, claimedAt = :now',
        ConditionExpression: '#state = :pending OR (#state = :sending AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':now': nowIso(),
          ':stale': new Date(Date.now() - 5 * 60 * 1000).toISOString(),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Records a sent message and when its copy expires. Only a message still there: one erased while it
 * was being sent (its person erased, or the retention job) must not come back as a stub.
 */
export async function markSent(tenantId: string, id: string, providerId: string, keepDays: number): Promise<void> {
  await ifStillThere(
    new UpdateCommand({
      TableName: tableName(),
      Key: outboxKeys.message(tenantId, id),
      UpdateExpression: 'SET #state = :sent, sentAt = :now, providerId = :pid, expiresAt = :expires',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':sent': 'sent',
        ':now': nowIso(),
        ':pid': providerId,
        ':expires': Math.floor(Date.now() / 1000) + keepDays * 24 * 60 * 60,
      },
    }),
  );
}

async function ifStillThere(update: UpdateCommand): Promise<void> {
  try {
    await db().send(update);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** A failed send goes back to pending, so a stream retry can try again. */
export async function release(tenantId: string, id: string): Promise<void> {
  await ifStillThere(
    new UpdateCommand({
      TableName: tableName(),
      Key: outboxKeys.message(tenantId, id),
      UpdateExpression: 'SET #state = :pending ADD attempts :one',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pending': 'pending', ':one': 1 },
    }),
  );
}

/** Erasure: an email's copy (address and text) goes with the person. */
export function outboxDelete(tenantId: string, id: string): TransactItem {
  return { Delete: { TableName: tableName(), Key: outboxKeys.message(tenantId, id) } };
}

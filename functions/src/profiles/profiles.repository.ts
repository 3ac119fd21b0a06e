import { BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ConsentRecord, ProfileAnswers } from '@pv/shared/panel.schema';
import { db, tableName, withoutKeys, type TransactItem } from '../platform/dynamodb.ts';
import type { CountState } from '../representation/representation.repository.ts';
import { profileKeys as keys } from './profiles.keys.ts';

export interface StoredProfile {
  answers: ProfileAnswers;
  wordingVersion: string;
  updatedAt: string;
}

export interface Counted extends CountState {
  panelId: string;
  /**
   * The member's record key for the cell key method (0–255), given when they are first counted and
   * never changed, so the same person always moves the counters' key sums by the same amount. Absent
   * on items counted before record keys existed (they count with key 0 until their next change).
   */
  recordKey?: number;
  version: number;
}

export async function getProfile(tenantId: string, memberId: string): Promise<StoredProfile | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.profile(tenantId, memberId), ConsistentRead: true }));
  return Item ? withoutKeys<StoredProfile>(Item) : undefined;
}

export async function getCounted(tenantId: string, memberId: string): Promise<Counted | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.counted(tenantId, memberId), ConsistentRead: true }));
  return Item ? withoutKeys<Counted>(Item) : undefined;
}

export function profilePut(tenantId: string, memberId: string, profile: StoredProfile): TransactItem {
  return { Put: { TableName: tableName(), Item: { ...keys.profile(tenantId, memberId), type: 'profile', tenantId, ...profile } } };
}

export function profileDelete(tenantId: string, memberId: string): TransactItem {
  return { Delete: { TableName: tableName(), Key: keys.profile(tenantId, memberId) } };
}

/**
 * What is counted for a member, replaced only if nobody else recounted them in between: two changes
 * racing can't both apply their delta to the counters.
 */
export function countedPut(
  tenantId: string,
  memberId: string,
  state: CountState,
  panelId: string,
  recordKey: number,
  previous: Counted | undefined,
): TransactItem {
  const version = (previous?.version ?? 0) + 1;
  return {
    Put: {
      TableName: tableName(),
      Item: countedItem(tenantId, memberId, { ...state, panelId, recordKey, version }),
      ConditionExpression: previous ? '#version = :previous' : 'attribute_not_exists(PK)',
      ExpressionAttributeNames: previous ? { '#version': 'version' } : undefined,
      ExpressionAttributeValues: previous ? { ':previous': previous.version } : undefined,
    },
  };
}

/** The COUNTED item as stored (live changes and the recount job write the same shape). */
export function countedItem(tenantId: string, memberId: string, counted: Counted & { recordKey: number }): Record<string, unknown> {
  const { panelId, active, answered, groups, recordKey, version } = counted;
  return { ...keys.counted(tenantId, memberId), type: 'counted', tenantId, panelId, active, answered, groups, recordKey, version };
}

export function consentPut(tenantId: string, memberId: string, record: ConsentRecord): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.consent(tenantId, memberId, record.id), type: 'consent', tenantId, ...record },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function listConsents(tenantId: string, memberId: string): Promise<ConsentRecord[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': keys.partition(tenantId, memberId), ':sk': keys.consentPrefix },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((i) => withoutKeys<ConsentRecord>(i));
}

/** Deletes everything in a member's profile partition (answers, consent ledger, what was counted). */
export async function deleteProfilePartition(tenantId: string, memberId: string): Promise<void> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.partition(tenantId, memberId) },
      ProjectionExpression: 'PK, SK',
      ConsistentRead: true,
    }),
  );
  const items = out.Items ?? [];
  for (let i = 0; i < items.length; i += 25) {
    await db().send(
      new BatchWriteCommand({
        RequestItems: { [tableName()]: items.slice(i, i + 25).map((k) => ({ DeleteRequest: { Key: { PK: k.PK, SK: k.SK } } })) },
      }),
    );
  }
}

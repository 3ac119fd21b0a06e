import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Consultation, Conversation } from '@pv/shared/consultation.schema';
import { WITHHELD } from '@pv/shared/feedback.schema';
import { addCounts, db, readMonthCells, replaceMonthCells, queryAll, tableName, versionCondition, withoutKeys, type TransactItem } from '../platform/dynamodb.ts';
import { consultationKeys as keys } from './consultations.keys.ts';

export function consultationPut(tenantId: string, c: Consultation, expectedVersion?: number): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.consultation(tenantId, c.id), ...keys.index(tenantId, c.id), type: 'consultation', tenantId, ...c },
      ...versionCondition(expectedVersion),
    },
  };
}

export async function getConsultation(tenantId: string, id: string): Promise<Consultation | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.consultation(tenantId, id), ConsistentRead: true }));
  return Item ? withoutKeys<Consultation>(Item) : undefined;
}

/** The consultation and its logged conversations: one Query of its partition. */
export async function consultationWithConversations(tenantId: string, id: string): Promise<{ consultation?: Consultation; conversations: Conversation[] }> {
  const items = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.partition(tenantId, id) } });
  const consultation = items.find((i) => i.SK === 'CONSULTATION');
  return {
    ...(consultation ? { consultation: withoutKeys<Consultation>(consultation) } : {}),
    conversations: items.filter((i) => String(i.SK).startsWith('CONVERSATION#')).map((i) => withoutKeys<Conversation>(i)),
  };
}

export async function listConsultations(tenantId: string): Promise<Consultation[]> {
  const items = await queryAll({ IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.indexPartition(tenantId) } });
  return items.map((i) => withoutKeys<Consultation>(i));
}

export function conversationPut(tenantId: string, c: Conversation & { memberRef?: string }): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.conversation(tenantId, c.consultationId, c.id), type: 'conversation', tenantId, ...c },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/**
 * A conversation whose comment was flagged as a safeguarding concern: its words leave the
 * consultation (the flagged comment keeps them, for the safeguarding contact only).
 */
export async function conversationExists(tenantId: string, consultationId: string, conversationId: string): Promise<boolean> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.conversation(tenantId, consultationId, conversationId), ProjectionExpression: 'PK', ConsistentRead: true }));
  return Boolean(Item);
}

export function withholdConversation(tenantId: string, consultationId: string, conversationId: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.conversation(tenantId, consultationId, conversationId),
      UpdateExpression: 'SET #said = :withheld, #withheld = :yes',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#said': 'said', '#withheld': 'withheld' },
      ExpressionAttributeValues: { ':withheld': WITHHELD, ':yes': true },
    },
  };
}

/** In the logging transaction: the consultation still exists and can take conversations (the stage is read, never written here). */
export function canTakeConversations(tenantId: string, consultationId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.consultation(tenantId, consultationId),
      ConditionExpression: 'attribute_exists(PK) AND #stage IN (:open, :closed, :analysing)',
      ExpressionAttributeNames: { '#stage': 'stage' },
      ExpressionAttributeValues: { ':open': 'open', ':closed': 'closed', ':analysing': 'analysing' },
    },
  };
}

/** Counts a consultation as opened in this month (`opened`): goes in the same transaction as the stage change. */
export function openedCountWrite(tenantId: string, month: string): TransactItem {
  return addCounts(keys.monthCount(tenantId, month), new Map([['opened', 1]]))!;
}

/** Month → cell → count, for the months from `from` to `to` (`yyyy-mm`). */
export async function readMonthCounts(tenantId: string, from: string, to: string): Promise<Map<string, Map<string, number>>> {
  return readMonthCells(keys.monthCountPartition(tenantId), from, to);
}

/** A rebuild job's: sets the monthly counts to a recount's. */
export async function replaceMonthCounts(tenantId: string, byMonth: Map<string, Map<string, number>>): Promise<void> {
  await replaceMonthCells(keys.monthCountPartition(tenantId), byMonth, 'consultation-month-count');
}

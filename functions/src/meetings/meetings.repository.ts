import { BatchGetCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { newRecordKey } from '@pv/shared/cell-key';
import type { Invitation, Meeting } from '@pv/shared/panel.schema';
import { db, queryAll, tableName, versionCondition, withoutKeys, type TransactItem } from '../platform/dynamodb.ts';
import { meetingKeys as keys } from './meetings.keys.ts';

export function meetingPut(tenantId: string, meeting: Meeting, expectedVersion?: number): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.meeting(tenantId, meeting.panelId, meeting.id), type: 'meeting', tenantId, ...meeting },
      ...versionCondition(expectedVersion),
    },
  };
}

/** Reply counts move with each reply (the old reply down, the new one up). */
export function meetingReplyCount(tenantId: string, panelId: string, meetingId: string, reply: string, by: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.meeting(tenantId, panelId, meetingId),
      UpdateExpression: 'SET replies.#r = if_not_exists(replies.#r, :zero) + :by',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#r': reply },
      ExpressionAttributeValues: { ':by': by, ':zero': 0 },
    },
  };
}

export function meetingInvitedCount(tenantId: string, panelId: string, meetingId: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.meeting(tenantId, panelId, meetingId),
      UpdateExpression: 'ADD invited :one',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':one': 1 },
    },
  };
}

export async function getMeeting(tenantId: string, panelId: string, meetingId: string): Promise<Meeting | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.meeting(tenantId, panelId, meetingId), ConsistentRead: true }));
  return Item ? withoutKeys<Meeting>(Item) : undefined;
}

export async function listMeetings(tenantId: string, panelId: string): Promise<Meeting[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': keys.meetingsPartition(tenantId, panelId), ':sk': keys.meetingPrefix },
  });
  return items.map((i) => withoutKeys<Meeting>(i));
}

/**
 * An invitation as stored. It is the record an attendance is, so it carries a record key for the cell
 * key method (given when it is made; absent on invitations made before keys existed, until the recount
 * job gives them one). The key never leaves the server: reads for pages drop it.
 */
export interface StoredInvitation extends Invitation {
  recordKey?: number;
}

const forPages = ({ recordKey: _k, ...invitation }: StoredInvitation): Invitation => invitation;

export function invitationPut(tenantId: string, invitation: Invitation): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.invitation(tenantId, invitation.meetingId, invitation.memberId), type: 'invitation', tenantId, ...invitation, recordKey: newRecordKey() },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Marks who came (and the support they took up), only if the invitation still says what the officer saw: two recordings can't both count one attendance. */
export function attendanceUpdate(tenantId: string, before: StoredInvitation, attended: boolean, supportTaken: string[]): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.invitation(tenantId, before.meetingId, before.memberId),
      UpdateExpression: 'SET attended = :attended, supportTaken = :support',
      ConditionExpression: before.attended === undefined ? 'attribute_exists(PK) AND attribute_not_exists(attended)' : 'attended = :before',
      ExpressionAttributeValues: { ':attended': attended, ':support': supportTaken, ...(before.attended === undefined ? {} : { ':before': before.attended }) },
    },
  };
}

/** Gives an invitation made before record keys existed its key, once (a concurrent call keeps the first). */
export async function ensureInvitationKey(tenantId: string, invitation: StoredInvitation): Promise<number> {
  if (invitation.recordKey !== undefined) return invitation.recordKey;
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.invitation(tenantId, invitation.meetingId, invitation.memberId),
      UpdateExpression: 'SET recordKey = if_not_exists(recordKey, :k)',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':k': newRecordKey() },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return Number(out.Attributes?.recordKey);
}

export function invitationUpdate(tenantId: string, meetingId: string, memberId: string, fields: Record<string, unknown>): TransactItem {
  const names = Object.keys(fields);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.invitation(tenantId, meetingId, memberId),
      UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
      ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, fields[n]])),
    },
  };
}

export function invitationScrub(tenantId: string, meetingId: string, memberId: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.invitation(tenantId, meetingId, memberId),
      UpdateExpression: 'SET #name = :erased, note = :empty, erased = :yes',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':erased': 'Erased at their request', ':empty': '', ':yes': true },
    },
  };
}

/** A meeting's invitations with their record keys: for counting, never for a page. */
export async function listStoredInvitations(tenantId: string, meetingId: string): Promise<StoredInvitation[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': keys.invitationsPartition(tenantId, meetingId), ':sk': keys.invitationPrefix },
    ConsistentRead: true,
  });
  return items.map((i) => withoutKeys<StoredInvitation>(i));
}

export async function listInvitations(tenantId: string, meetingId: string): Promise<Invitation[]> {
  return (await listStoredInvitations(tenantId, meetingId)).map(forPages);
}

export async function getInvitation(tenantId: string, meetingId: string, memberId: string): Promise<Invitation | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.invitation(tenantId, meetingId, memberId), ConsistentRead: true }));
  return Item ? forPages(withoutKeys<StoredInvitation>(Item)) : undefined;
}

/** A member's meetings and their invitations, by the ids kept on the member item. */
export async function meetingsAndInvitations(tenantId: string, panelId: string, memberId: string, meetingIds: string[]) {
  if (meetingIds.length === 0) return { meetings: [] as Meeting[], invitations: [] as Invitation[] };
  const keysToRead = meetingIds.slice(-50).flatMap((id) => [keys.meeting(tenantId, panelId, id), keys.invitation(tenantId, id, memberId)]);
  const meetings: Meeting[] = [];
  const invitations: Invitation[] = [];
  for (let i = 0; i < keysToRead.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = { [tableName()]: { Keys: keysToRead.slice(i, i + 100) } };
    while (request && Object.keys(request).length) {
      const out = await db().send(new BatchGetCommand({ RequestItems: request as never }));
      for (const item of out.Responses?.[tableName()] ?? []) {
        if (item.type === 'meeting') meetings.push(withoutKeys<Meeting>(item));
        else invitations.push(forPages(withoutKeys<StoredInvitation>(item)));
      }
      request = out.UnprocessedKeys as typeof request;
    }
  }
  return { meetings, invitations };
}

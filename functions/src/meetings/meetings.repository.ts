import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
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

export function invitationPut(tenantId: string, invitation: Invitation): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.invitation(tenantId, invitation.meetingId, invitation.memberId), type: 'invitation', tenantId, ...invitation },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
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

export async function listInvitations(tenantId: string, meetingId: string): Promise<Invitation[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': keys.invitationsPartition(tenantId, meetingId), ':sk': keys.invitationPrefix },
    ConsistentRead: true,
  });
  return items.map((i) => withoutKeys<Invitation>(i));
}

export async function getInvitation(tenantId: string, meetingId: string, memberId: string): Promise<Invitation | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.invitation(tenantId, meetingId, memberId), ConsistentRead: true }));
  return Item ? withoutKeys<Invitation>(Item) : undefined;
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
        else invitations.push(withoutKeys<Invitation>(item));
      }
      request = out.UnprocessedKeys as typeof request;
    }
  }
  return { meetings, invitations };
}

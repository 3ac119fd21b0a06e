import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Member, Panel } from '@pv/shared/panel.schema';
import { db, isConditionFailure, queryAll, tableName, versionCondition, withoutKeys, type TransactItem } from '../platform/dynamodb.ts';
import { panelKeys as keys } from './panels.keys.ts';

/** Members as stored: contact details plus the ids of meetings they were invited to and of emails sent to them. */
export interface StoredMember extends Member {
  meetingIds?: string[];
  outboxIds?: string[];
  /** Named survey answers and their Feedback (surveys/member-links.ts), unlinked when the member is erased. */
  surveyItems?: string[];
  /** False once they used the unsubscribe link in a "you said, we did" email. */
  loopEmails?: boolean;
}

export function panelPut(tenantId: string, panel: Panel, expectedVersion?: number): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.panel(tenantId, panel.id), ...keys.panelIndex(tenantId, panel.id), type: 'panel', tenantId, ...panel },
      ...versionCondition(expectedVersion),
    },
  };
}

/** Member and pending counts on the panel item (shown in lists; representation has its own counters). */
export function panelCountUpdate(tenantId: string, panelId: string, members: number, pending: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.panel(tenantId, panelId),
      UpdateExpression: 'ADD memberCount :m, pendingCount :p',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':m': members, ':p': pending },
    },
  };
}

export async function getPanel(tenantId: string, panelId: string): Promise<Panel | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.panel(tenantId, panelId), ConsistentRead: true }));
  return Item ? withoutKeys<Panel>(Item) : undefined;
}

export async function listPanels(tenantId: string): Promise<Panel[]> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.panelsIndexPartition(tenantId) },
  });
  return items.map((i) => withoutKeys<Panel>(i)).sort((a, b) => a.name.localeCompare(b.name));
}

/** A member, written with the email index when they gave an email (for sign-in links). */
export function memberPut(tenantId: string, member: StoredMember, expectedVersion?: number): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.member(tenantId, member.panelId, member.id),
        ...(member.email ? keys.memberEmailIndex(tenantId, member.panelId, member.id, member.email) : {}),
        type: 'member',
        tenantId,
        ...member,
      },
      ...versionCondition(expectedVersion),
    },
  };
}

export function memberDelete(tenantId: string, panelId: string, memberId: string, expectedVersion: number): TransactItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: keys.member(tenantId, panelId, memberId),
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': expectedVersion },
    },
  };
}

/** Records an id on the member (a meeting they were invited to, an email sent to them, a named survey answer), so erasing them can find it. */
export function memberAppend(tenantId: string, panelId: string, memberId: string, field: 'meetingIds' | 'outboxIds' | 'surveyItems', id: string | string[]): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.member(tenantId, panelId, memberId),
      UpdateExpression: 'SET #f = list_append(if_not_exists(#f, :empty), :id)',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#f': field },
      ExpressionAttributeValues: { ':id': Array.isArray(id) ? id : [id], ':empty': [] },
    },
  };
}

/** Claims an email (or phone, when no email) for one membership of this panel: the put fails if it is taken. */
export function contactClaimPut(tenantId: string, panelId: string, contact: string, memberId: string): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.contact(tenantId, panelId, contact), type: 'contact-claim', tenantId, memberId },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export function contactClaimDelete(tenantId: string, panelId: string, contact: string): TransactItem {
  return { Delete: { TableName: tableName(), Key: keys.contact(tenantId, panelId, contact) } };
}

export async function getContactClaim(tenantId: string, panelId: string, contact: string): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.contact(tenantId, panelId, contact), ConsistentRead: true }));
  return Item ? String(Item.memberId) : undefined;
}

export async function getMember(tenantId: string, panelId: string, memberId: string): Promise<StoredMember | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.member(tenantId, panelId, memberId), ConsistentRead: true }),
  );
  return Item ? withoutKeys<StoredMember>(Item) : undefined;
}

export async function listMembers(tenantId: string, panelId: string): Promise<StoredMember[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': keys.partition(tenantId, panelId), ':sk': keys.memberPrefix },
  });
  return items.map((i) => withoutKeys<StoredMember>(i));
}

/** A person's memberships in this tenant, found by their email (GSI1). */
export async function membershipsByEmail(tenantId: string, email: string): Promise<{ panelId: string; memberId: string }[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.emailIndexPartition(tenantId, email) },
    }),
  );
  return (out.Items ?? []).map((i) => {
    const [, panelId = '', , memberId = ''] = String(i.GSI1SK).split('#');
    return { panelId, memberId };
  });
}

/** A meeting attended: "last involved" moves forward, never back. */
export async function touchMemberInvolvement(tenantId: string, panelId: string, memberId: string, at: string): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.member(tenantId, panelId, memberId),
        UpdateExpression: 'SET lastInvolvedAt = :at',
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(lastInvolvedAt) OR lastInvolvedAt < :at)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
}

/** The member used the unsubscribe link in a "you said, we did" email; false when the member has gone. */
export async function stopLoopEmails(tenantId: string, panelId: string, memberId: string): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.member(tenantId, panelId, memberId),
        UpdateExpression: 'SET loopEmails = :no',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':no': false },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Everyone on the partnership's panels, by name: a name in a text going public is a finding. */
export async function memberNames(tenantId: string): Promise<string[]> {
  const panels = await listPanels(tenantId);
  const members = (await Promise.all(panels.map((p) => listMembers(tenantId, p.id)))).flat();
  return [...new Set(members.map((m) => m.name).filter(Boolean))];
}

/** The item type the table's stream hands to the sign-in request worker (outbox/send-outbox.handler.ts). */
export const SIGN_IN_REQUEST_TYPE = 'sign-in-request';

/**
 * "Email me a link", written down to be looked up later from the table's stream: the request itself
 * does the same work whether or not the address is on a panel. Holds the email for a day at most.
 */
export async function putSignInRequest(tenantId: string, id: string, email: string, at: string): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.signInRequest(tenantId, id), type: SIGN_IN_REQUEST_TYPE, tenantId, id, email, at, expiresAt: Math.floor(Date.now() / 1000) + 86_400 },
    }),
  );
}

export async function deleteSignInRequest(tenantId: string, id: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.signInRequest(tenantId, id) }));
}

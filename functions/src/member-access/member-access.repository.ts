import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName, withoutKeys, type TransactItem } from '../platform/dynamodb.ts';
import { memberAccessKeys as keys } from './member-access.keys.ts';

/**
 * survey: a personal invitation to answer a survey (`next` is the survey id); it works until they answer or it closes.
 * unsubscribe: in every "you said, we did" email; it stops those emails and works for a year, more than once.
 */
export type LinkPurpose = 'confirm' | 'sign-in' | 'survey' | 'unsubscribe';

export interface LinkGrant {
  purpose: LinkPurpose;
  panelId: string;
  memberId: string;
  /** Where to go after the link is used (a path on the public site). */
  next: string;
  expiresAt: number;
}

export interface MemberSession {
  panelId: string;
  memberId: string;
  expiresAt: number;
  createdAt: string;
}

export function tokenPut(tenantId: string, token: string, grant: LinkGrant): TransactItem {
  return { Put: { TableName: tableName(), Item: { ...keys.token(tenantId, token), type: 'link', tenantId, ...grant } } };
}

export async function getToken(tenantId: string, token: string): Promise<LinkGrant | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.token(tenantId, token), ConsistentRead: true }));
  if (!Item) return undefined;
  return { ...withoutKeys<LinkGrant>(Item), expiresAt: Number(Item.expiresAt) };
}

/** Uses up a link inside the transaction it unlocks: if two requests race, one transaction fails. */
export function tokenConsume(tenantId: string, token: string, nowSeconds: number): TransactItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: keys.token(tenantId, token),
      ConditionExpression: 'attribute_exists(PK) AND expiresAt > :now',
      ExpressionAttributeValues: { ':now': nowSeconds },
    },
  };
}

export function sessionPut(tenantId: string, token: string, session: MemberSession): TransactItem {
  return { Put: { TableName: tableName(), Item: { ...keys.session(tenantId, token), type: 'member-session', tenantId, ...session } } };
}

export async function getSession(tenantId: string, token: string): Promise<MemberSession | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.session(tenantId, token) }));
  if (!Item) return undefined;
  return { ...withoutKeys<MemberSession>(Item), expiresAt: Number(Item.expiresAt) };
}

export async function putSession(tenantId: string, token: string, session: MemberSession): Promise<void> {
  await db().send(new PutCommand(sessionPut(tenantId, token, session).Put!));
}

export async function deleteSession(tenantId: string, token: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.session(tenantId, token) }));
}

/**
 * Counts emails to one address (hashed) in the current hour, failing the whole transaction past
 * `max`: nobody can use our forms to flood someone's inbox.
 */

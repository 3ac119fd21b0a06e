import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@pv/shared/auth.schema';
import { db, tableName } from '../platform/dynamodb.ts';
import { staffSessionKeys as keys } from './staff-sessions.keys.ts';

export interface StoredStaffSession {
  sub: string;
  email: string;
  tenantId: string;
  roles: Role[];
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** When the ID token runs out, seconds since the epoch. */
  idTokenExpiresAt: number;
  /** Seconds since the epoch. */
  createdAt: number;
  lastSeenAt: number;
  /** DynamoDB TTL: the 12-hour limit. */
  expiresAt: number;
}

export async function putSession(id: string, session: StoredStaffSession): Promise<void> {
  await db().send(
    new PutCommand({ TableName: tableName(), Item: { ...keys.session(id), type: 'staff-session', ...session }, ConditionExpression: 'attribute_not_exists(PK)' }),
  );
}

export async function getSession(id: string): Promise<StoredStaffSession | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.session(id), ConsistentRead: true }));
  return Item as StoredStaffSession | undefined;
}

/** Seen now, with fresh tokens when they were refreshed; only while the session still exists. */
export async function touchSession(id: string, lastSeenAt: number, tokens?: { idToken: string; accessToken: string; idTokenExpiresAt: number }): Promise<boolean> {
  const names: Record<string, string> = { '#seen': 'lastSeenAt' };
  const values: Record<string, unknown> = { ':seen': lastSeenAt };
  let set = '#seen = :seen';
  if (tokens) {
    Object.assign(names, { '#id': 'idToken', '#access': 'accessToken', '#exp': 'idTokenExpiresAt' });
    Object.assign(values, { ':id': tokens.idToken, ':access': tokens.accessToken, ':exp': tokens.idTokenExpiresAt });
    set += ', #id = :id, #access = :access, #exp = :exp';
  }
  try {
    await db().send(
      new UpdateCommand({ TableName: tableName(), Key: keys.session(id), UpdateExpression: `SET ${set}`, ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeNames: names, ExpressionAttributeValues: values }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function deleteSession(id: string): Promise<StoredStaffSession | undefined> {
  const { Attributes } = await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.session(id), ReturnValues: 'ALL_OLD' }));
  return Attributes as StoredStaffSession | undefined;
}

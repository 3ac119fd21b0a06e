import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, tableName, type TransactItem } from '../platform/dynamodb.ts';
import { limitKeys } from './limits.keys.ts';

/** Adds one to a window's count unless it has reached `max`; the item goes (TTL) an hour after the window ends. */
export function windowUpdate(rule: string, subject: string, windowStart: number, windowSeconds: number, max: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: limitKeys.window(rule, subject, windowStart),
      UpdateExpression: 'ADD #n :one SET expiresAt = :expires, #type = :type',
      ConditionExpression: 'attribute_not_exists(#n) OR #n < :max',
      ExpressionAttributeNames: { '#n': 'n', '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':max': max, ':expires': windowStart + windowSeconds + 3600, ':type': 'limit' },
    },
  };
}

/** A windowUpdate on its own: false when the limit was already reached (nothing changes then). */
export async function countAlone(item: TransactItem): Promise<boolean> {
  try {
    await db().send(new UpdateCommand(item.Update!));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export interface SignInFailures {
  /** Failures in the current window, which starts at the first failure after the last lock or quiet spell. */
  failures: number;
  windowStart: number;
  /** How many times the account has been locked since it was last quiet for a day. */
  locks: number;
  lockedUntil: number;
  version: number;
}

export async function getSignInFailures(email: string): Promise<SignInFailures | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: limitKeys.signInFailures(email), ConsistentRead: true }));
  if (!out.Item) return undefined;
  const { failures, windowStart, locks, lockedUntil, version } = out.Item as SignInFailures;
  return { failures, windowStart, locks, lockedUntil, version };
}

/** Writes the new state if nobody else has since `expectedVersion` (0: not there yet); false if someone has. */
export async function putSignInFailures(email: string, state: SignInFailures, expectedVersion: number, expiresAt: number): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...limitKeys.signInFailures(email), type: 'limit', ...state, expiresAt },
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :v',
        ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function deleteSignInFailures(email: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: limitKeys.signInFailures(email) }));
}

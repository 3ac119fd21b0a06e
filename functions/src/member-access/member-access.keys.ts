/**
 * A member's way in without an account: single-use links (confirm membership, sign in, reply to a
 * meeting) and the short sessions they open. Only a SHA-256 of each random token is stored, so the
 * table never holds a working link; DynamoDB's TTL removes expired items and the code also checks
 * `expiresAt`, because TTL deletion can lag.
 *
 * | access pattern               | key                                                | used by                           |
 * |------------------------------|----------------------------------------------------|-----------------------------------|
 * | use a link (once)            | PK = TENANT#t#TOKEN#<sha256>, SK = TOKEN           | confirm, use-sign-in-link         |
 * | a session, per request       | PK = TENANT#t#SESSION#<sha256>, SK = SESSION       | every /me route                   |
 */
import { createHash } from 'node:crypto';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export const memberAccessKeys = {
  token: (t: string, token: string) => ({ PK: `TENANT#${t}#TOKEN#${tokenHash(token)}`, SK: 'TOKEN' }),
  session: (t: string, token: string) => ({ PK: `TENANT#${t}#SESSION#${tokenHash(token)}`, SK: 'SESSION' }),
};

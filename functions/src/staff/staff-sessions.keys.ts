/**
 * Staff sessions (issue 14 §2). The browser holds only a random session id in a `__Host-` cookie;
 * the Cognito tokens stay here, keyed by a SHA-256 of the id, so the table never holds a working
 * session id and the id never leaves the web server's cookie. DynamoDB's TTL removes a session at
 * the 12-hour limit; the code also checks the limits itself, because TTL deletion can lag.
 *
 * | access pattern                          | key                                            | used by                                 |
 * |-----------------------------------------|------------------------------------------------|-----------------------------------------|
 * | open a session (sign in)                | PK = STAFFSESSION#<sha256(id)>, SK = SESSION   | start-staff-session                     |
 * | a session, per page the web serves      | the same (GetItem, consistent)                 | get-staff-session                       |
 * | end a session (sign out, idle, too old) | the same (DeleteItem)                          | end-staff-session, get-staff-session    |
 */
import { createHash } from 'node:crypto';

export const sessionHash = (id: string) => createHash('sha256').update(id).digest('hex');

export const staffSessionKeys = {
  session: (id: string) => ({ PK: `STAFFSESSION#${sessionHash(id)}`, SK: 'SESSION' }),
};

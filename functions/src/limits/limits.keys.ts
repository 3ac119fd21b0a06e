/**
 * How often one client or one account may do something (issue 14 §4). Fixed windows counted in
 * DynamoDB and removed by TTL; the subject (a network address, an email address, a survey and an
 * address) is stored only as a SHA-256 salted with the rule's name, never as itself.
 *
 * | access pattern                                   | key                                                        | used by                                      |
 * |--------------------------------------------------|------------------------------------------------------------|----------------------------------------------|
 * | one rule's count for one subject in one window   | PK = LIMIT#<rule>#<sha256(rule:subject)>, SK = W#<start>   | join, sign-in/resume links, surveys, public POSTs |
 * | a staff account's failed sign-ins and lock       | PK = LIMIT#staff-sign-in#<sha256(email)>, SK = FAILURES    | staff sign-in                                |
 */
import { createHash } from 'node:crypto';

export const subjectHash = (rule: string, subject: string) => createHash('sha256').update(`${rule}:${subject}`).digest('hex');

export const limitKeys = {
  window: (rule: string, subject: string, windowStart: number) => ({ PK: `LIMIT#${rule}#${subjectHash(rule, subject)}`, SK: `W#${windowStart}` }),
  signInFailures: (email: string) => ({ PK: `LIMIT#staff-sign-in#${subjectHash('staff-sign-in', email.trim().toLowerCase())}`, SK: 'FAILURES' }),
};

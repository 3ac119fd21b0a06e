/**
 * Panel and member keys. A panel and its members share a partition, so "the members of a panel" is
 * one Query; a contact claim in the same partition makes joining twice impossible (conditional put
 * in the joining transaction), however many requests race.
 *
 * | access pattern                                   | key                                                         | used by                 |
 * |--------------------------------------------------|-------------------------------------------------------------|-------------------------|
 * | get a panel                                      | PK = TENANT#t#PANEL#p, SK = PANEL                           | every panel handler     |
 * | list a tenant's panels                           | GSI1PK = TENANT#t#PANELS, GSI1SK = PANEL#p                  | list-panels, public     |
 * | get a member                                     | PK = TENANT#t#PANEL#p, SK = MEMBER#m                        | membership, officer     |
 * | list a panel's members                           | PK = TENANT#t#PANEL#p, SK begins_with MEMBER#               | list-members, export    |
 * | one membership per contact per panel             | PK = TENANT#t#PANEL#p, SK = CONTACT#<sha256(t:email|phone)> | join, assisted add      |
 * | a person's memberships, by email (sign-in link)  | GSI1PK = TENANT#t#EMAIL#<sha256>, GSI1SK = PANEL#p#MEMBER#m | request-sign-in-link    |
 * | a sign-in link asked for, to look up later       | PK = TENANT#t#SIGNINREQ#<ulid>, SK = REQUEST (TTL 1 day)     | request-sign-in-link, stream |
 */
import { createHash } from 'node:crypto';

export function contactHash(tenantId: string, contact: string): string {
  return createHash('sha256').update(`${tenantId}:${contact.trim().toLowerCase()}`).digest('hex');
}

export const panelKeys = {
  partition: (t: string, p: string) => `TENANT#${t}#PANEL#${p}`,
  panel: (t: string, p: string) => ({ PK: `TENANT#${t}#PANEL#${p}`, SK: 'PANEL' }),
  panelIndex: (t: string, p: string) => ({ GSI1PK: `TENANT#${t}#PANELS`, GSI1SK: `PANEL#${p}` }),
  panelsIndexPartition: (t: string) => `TENANT#${t}#PANELS`,
  member: (t: string, p: string, m: string) => ({ PK: `TENANT#${t}#PANEL#${p}`, SK: `MEMBER#${m}` }),
  memberPrefix: 'MEMBER#',
  memberEmailIndex: (t: string, p: string, m: string, email: string) => ({
    GSI1PK: `TENANT#${t}#EMAIL#${contactHash(t, email)}`,
    GSI1SK: `PANEL#${p}#MEMBER#${m}`,
  }),
  emailIndexPartition: (t: string, email: string) => `TENANT#${t}#EMAIL#${contactHash(t, email)}`,
  signInRequest: (t: string, id: string) => ({ PK: `TENANT#${t}#SIGNINREQ#${id}`, SK: 'REQUEST' }),
  contact: (t: string, p: string, contact: string) => ({ PK: `TENANT#${t}#PANEL#${p}`, SK: `CONTACT#${contactHash(t, contact)}` }),
};

/**
 * Special-category data, held apart from contact details: a member's equality monitoring answers,
 * what was last counted for them, and their consent ledger live in their own partition, which only
 * the profile service reads (to count, and to show a person their own answers).
 *
 * | access pattern                              | key                                          | used by                          |
 * |---------------------------------------------|----------------------------------------------|----------------------------------|
 * | a member's answers                          | PK = TENANT#t#PROFILE#m, SK = PROFILE        | my profile, counting             |
 * | what is counted for a member (groups)       | PK = TENANT#t#PROFILE#m, SK = COUNTED        | every change that moves counters |
 * | consent ledger, oldest first                | PK = TENANT#t#PROFILE#m, SK begins_with CONSENT# | my data, erase               |
 * | everything held for a member (erase)        | PK = TENANT#t#PROFILE#m                      | erase                            |
 */
export const profileKeys = {
  partition: (t: string, m: string) => `TENANT#${t}#PROFILE#${m}`,
  profile: (t: string, m: string) => ({ PK: `TENANT#${t}#PROFILE#${m}`, SK: 'PROFILE' }),
  counted: (t: string, m: string) => ({ PK: `TENANT#${t}#PROFILE#${m}`, SK: 'COUNTED' }),
  consent: (t: string, m: string, id: string) => ({ PK: `TENANT#${t}#PROFILE#${m}`, SK: `CONSENT#${id}` }),
  consentPrefix: 'CONSENT#',
};

/**
 * "You said, we did" actions and the public log.
 *
 * | access pattern                                   | key                                                              | used by                    |
 * |--------------------------------------------------|------------------------------------------------------------------|----------------------------|
 * | get an action                                    | PK = TENANT#t#ACTION#a, SK = ACTION                              | officers, approval         |
 * | a tenant's actions, last changed first           | GSI1PK = TENANT#t#ACTIONS, GSI1SK = <updatedAt>#a                | officer list               |
 * | the public log, newest first: all, or one facet  | PK = TENANT#t#LOG#<ALL / P#p / N#n / H#h / G#g / S#status>, SK = <published at>#a | public log, feeds, export |
 * | one published action                             | PK = TENANT#t#LOG#ALL, SK = <published at>#a (via GSI1 below)   | public action page         |
 * | a published action by id                         | GSI1PK = TENANT#t#LOGIDS, GSI1SK = a                              | public action page         |
 * | counts of published actions (and done) per priority × place × group | PK = TENANT#t#LOGCOUNT, SK = COUNT#<p:priority / *> | public log headline |
 * | actions published and done per month (and priority) | PK = TENANT#t#ACTCOUNT, SK = MONTH#<yyyy-mm>                     | partner insight            |
 * | a member had a "you said, we did" email today      | PK = TENANT#t#LOOP#<member>, SK = DAY#<yyyy-mm-dd> (TTL)          | closing the loop           |
 * | changes waiting for a member's next daily digest | PK = TENANT#t#LOOP#<member>, SK = PENDING; GSI1PK = LOOP#PENDING, GSI1SK = <t>#<member> | daily digest job |
 */
export const actionKeys = {
  loopDay: (t: string, m: string, day: string) => ({ PK: `TENANT#${t}#LOOP#${m}`, SK: `DAY#${day}` }),
  loopPending: (t: string, m: string) => ({ PK: `TENANT#${t}#LOOP#${m}`, SK: 'PENDING' }),
  loopPendingIndex: (t: string, m: string) => ({ GSI1PK: 'LOOP#PENDING', GSI1SK: `${t}#${m}` }),
  loopPendingPartition: () => 'LOOP#PENDING',
  action: (t: string, a: string) => ({ PK: `TENANT#${t}#ACTION#${a}`, SK: 'ACTION' }),
  index: (t: string, updatedAt: string, a: string) => ({ GSI1PK: `TENANT#${t}#ACTIONS`, GSI1SK: `${updatedAt}#${a}` }),
  indexPartition: (t: string) => `TENANT#${t}#ACTIONS`,
  logPartition: (t: string, facet: string) => `TENANT#${t}#LOG#${facet}`,
  log: (t: string, facet: string, publishedAt: string, a: string) => ({ PK: `TENANT#${t}#LOG#${facet}`, SK: `${publishedAt}#${a}` }),
  logById: (t: string, a: string) => ({ GSI1PK: `TENANT#${t}#LOGIDS`, GSI1SK: a }),
  logByIdPartition: (t: string) => `TENANT#${t}#LOGIDS`,
  logCount: (t: string, part: string) => ({ PK: `TENANT#${t}#LOGCOUNT`, SK: `COUNT#${part}` }),
  logCountPartition: (t: string) => `TENANT#${t}#LOGCOUNT`,
  monthCount: (t: string, month: string) => ({ PK: `TENANT#${t}#ACTCOUNT`, SK: `MONTH#${month}` }),
  monthCountPartition: (t: string) => `TENANT#${t}#ACTCOUNT`,
};

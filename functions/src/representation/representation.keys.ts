/**
 * Representation counters: how many members each panel (and the whole tenant) has, how many
 * answered the equality questions, and how many are in each under-represented group. Kept up to
 * date in the same transaction as the change that moves them (ADD), so a view is one Query of a
 * partition whose size depends on panels × groups, never on members.
 *
 * | access pattern                               | key                                                      | used by                 |
 * |----------------------------------------------|----------------------------------------------------------|-------------------------|
 * | all counters of a tenant                      | PK = TENANT#t#REP                                        | representation view     |
 * | members / answered / per group, one panel     | SK = PANEL#p#MEMBERS, PANEL#p#ANSWERED, PANEL#p#GROUP#g  | counter updates         |
 * | the same across the tenant                    | SK = ALL#MEMBERS, ALL#ANSWERED, ALL#GROUP#g              | counter updates         |
 * | meetings attended per month, one panel        | SK = PANEL#p#MONTH#yyyy-mm                               | attendance, participation |
 * | every counter's SK, to zero the stale ones    | PK = TENANT#t#REP (SK only)                              | recount                 |
 */
const counterSk = (scope: string, what: string) => `${scope}#${what}`;
const monthSk = (p: string, month: string) => `PANEL#${p}#MONTH#${month}`;

export const representationKeys = {
  partition: (t: string) => `TENANT#${t}#REP`,
  counterSk,
  counter: (t: string, scope: string, what: string) => ({ PK: `TENANT#${t}#REP`, SK: counterSk(scope, what) }),
  panelScope: (p: string) => `PANEL#${p}`,
  allScope: 'ALL',
  monthSk,
  month: (t: string, p: string, month: string) => ({ PK: `TENANT#${t}#REP`, SK: monthSk(p, month) }),
  /** The panel and month of a month counter's SK; undefined for any other counter. */
  monthOfSk: (sk: string): { panelId: string; month: string } | undefined => {
    const m = /^PANEL#([^#]+)#MONTH#(.+)$/.exec(sk);
    return m ? { panelId: m[1]!, month: m[2]! } : undefined;
  },
};

/**
 * Feedback (one item per thing a parent said), its counters and the officers' themes.
 *
 * | access pattern                                   | key                                                                  | used by                    |
 * |--------------------------------------------------|----------------------------------------------------------------------|----------------------------|
 * | get a feedback item                              | PK = TENANT#t#FEEDBACK#f, SK = FEEDBACK                              | triage, themes, actions    |
 * | answers to one survey question, by day, paged    | GSI1PK = TENANT#t#SOURCE#SURVEY#s#q, GSI1SK = <yyyy-mm-dd>#f         | survey results (text)      |
 * | what was said in a consultation's conversations  | GSI1PK = TENANT#t#SOURCE#CONSULTATION#c, GSI1SK = <yyyy-mm-dd>#f     | consultation page          |
 * | triage queue: untagged new, then new, newest first; reviewed; not relevant | GSI2PK = TENANT#t#TRIAGE, GSI2SK = <new1 / new0 / reviewed / not-relevant>#<yyyy-mm-dd>#f | triage, recount |
 * | comments flagged as safeguarding concerns        | GSI2PK = TENANT#t#SAFEGUARDING, GSI2SK = <flagged at>#f              | safeguarding contact only  |
 * | feedback counters for a month, or all time (4 shards, an item per priority; counts and key sums) | PK = TENANT#t#FBCOUNT#<yyyy-mm / ALL>, SK = SHARD#<0-3>#<p:priority / *>[#<chunk>] | triage tabs, public log, insight |
 * | a theme and the comments in it                   | PK = TENANT#t#THEME#th, SK = THEME / FEEDBACK#f                      | themes, actions            |
 * | a tenant's themes                                | GSI1PK = TENANT#t#THEMES, GSI1SK = THEME#th                          | theme list                 |
 * | approved quotes for partners, in a theme         | PK = TENANT#t#THEME#th, SK = QUOTE#f                                 | partner theme page         |
 * | quotes waiting for a second officer's approval   | PK = TENANT#t#QUOTES-WAITING, SK = QUOTE#f                           | officer quotes page        |
 */
export const feedbackKeys = {
  feedback: (t: string, f: string) => ({ PK: `TENANT#${t}#FEEDBACK#${f}`, SK: 'FEEDBACK' }),
  /** Answers to one survey question, newest day last: the results page lists and searches them. */
  bySource: (t: string, s: string, q: string, day: string, f: string) => ({ GSI1PK: `TENANT#${t}#SOURCE#SURVEY#${s}#${q}`, GSI1SK: `${day}#${f}` }),
  bySourcePartition: (t: string, s: string, q: string) => `TENANT#${t}#SOURCE#SURVEY#${s}#${q}`,
  byConsultation: (t: string, c: string, day: string, f: string) => ({ GSI1PK: `TENANT#${t}#SOURCE#CONSULTATION#${c}`, GSI1SK: `${day}#${f}` }),
  triagePartition: (t: string) => `TENANT#${t}#TRIAGE`,
  triage: (t: string, bucket: string, day: string, f: string) => ({ GSI2PK: `TENANT#${t}#TRIAGE`, GSI2SK: `${bucket}#${day}#${f}` }),
  safeguardingPartition: (t: string) => `TENANT#${t}#SAFEGUARDING`,
  safeguarding: (t: string, at: string, f: string) => ({ GSI2PK: `TENANT#${t}#SAFEGUARDING`, GSI2SK: `${at}#${f}` }),
  /** `chunk` > 0: the overflow of one big update (see `COUNTER_CELLS_PER_UPDATE`). */
  counter: (t: string, period: string, shard: number, part: string, chunk = 0) => ({ PK: `TENANT#${t}#FBCOUNT#${period}`, SK: `SHARD#${shard}#${part}${chunk ? `#${chunk}` : ''}` }),
  counterPartition: (t: string, period: string) => `TENANT#${t}#FBCOUNT#${period}`,
  themePartition: (t: string, th: string) => `TENANT#${t}#THEME#${th}`,
  theme: (t: string, th: string) => ({ PK: `TENANT#${t}#THEME#${th}`, SK: 'THEME' }),
  themeIndex: (t: string, th: string) => ({ GSI1PK: `TENANT#${t}#THEMES`, GSI1SK: `THEME#${th}` }),
  themesPartition: (t: string) => `TENANT#${t}#THEMES`,
  quote: (t: string, th: string, f: string) => ({ PK: `TENANT#${t}#THEME#${th}`, SK: `QUOTE#${f}` }),
  quoteWaiting: (t: string, f: string) => ({ PK: `TENANT#${t}#QUOTES-WAITING`, SK: `QUOTE#${f}` }),
  quotesWaitingPartition: (t: string) => `TENANT#${t}#QUOTES-WAITING`,
  themeMember: (t: string, th: string, f: string) => ({ PK: `TENANT#${t}#THEME#${th}`, SK: `FEEDBACK#${f}` }),
};

/**
 * Feedback: one item per thing a parent said (a free-text survey answer now; logged conversations
 * with the consultations issue), tagged with priorities, hubs and groups.
 *
 * | access pattern                                   | key                                                                  | used by                    |
 * |--------------------------------------------------|----------------------------------------------------------------------|----------------------------|
 * | get a feedback item                              | PK = TENANT#t#FEEDBACK#f, SK = FEEDBACK                              | (consultations issue)      |
 * | answers to one survey question, by day, paged    | GSI1PK = TENANT#t#SOURCE#SURVEY#s#q, GSI1SK = <yyyy-mm-dd>#f         | survey results (text)      |
 * | what was said in a consultation's conversations  | GSI1PK = TENANT#t#SOURCE#CONSULTATION#c, GSI1SK = <yyyy-mm-dd>#f     | consultation page          |
 */
export const feedbackKeys = {
  feedback: (t: string, f: string) => ({ PK: `TENANT#${t}#FEEDBACK#${f}`, SK: 'FEEDBACK' }),
  /** Answers to one survey question, newest day last: the results page lists and searches them. */
  bySource: (t: string, s: string, q: string, day: string, f: string) => ({ GSI1PK: `TENANT#${t}#SOURCE#SURVEY#${s}#${q}`, GSI1SK: `${day}#${f}` }),
  bySourcePartition: (t: string, s: string, q: string) => `TENANT#${t}#SOURCE#SURVEY#${s}#${q}`,
  byConsultation: (t: string, c: string, day: string, f: string) => ({ GSI1PK: `TENANT#${t}#SOURCE#CONSULTATION#${c}`, GSI1SK: `${day}#${f}` }),
};

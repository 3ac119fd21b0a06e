/**
 * Consultation keys. A consultation and the conversations logged for it share a partition, so its
 * page is one Query.
 *
 * | access pattern                         | key                                                            | used by                    |
 * |----------------------------------------|----------------------------------------------------------------|----------------------------|
 * | get a consultation and its conversations | PK = TENANT#t#CONSULTATION#c (SK = CONSULTATION, CONVERSATION#<ulid>) | get, public page, log      |
 * | a tenant's consultations               | GSI1PK = TENANT#t#CONSULTATIONS, GSI1SK = CONSULTATION#c        | list, public list          |
 * | consultations opened per month          | PK = TENANT#t#CONSCOUNT, SK = MONTH#<yyyy-mm>                   | partner insight            |
 */
export const consultationKeys = {
  partition: (t: string, c: string) => `TENANT#${t}#CONSULTATION#${c}`,
  consultation: (t: string, c: string) => ({ PK: `TENANT#${t}#CONSULTATION#${c}`, SK: 'CONSULTATION' }),
  index: (t: string, c: string) => ({ GSI1PK: `TENANT#${t}#CONSULTATIONS`, GSI1SK: `CONSULTATION#${c}` }),
  indexPartition: (t: string) => `TENANT#${t}#CONSULTATIONS`,
  monthCount: (t: string, month: string) => ({ PK: `TENANT#${t}#CONSCOUNT`, SK: `MONTH#${month}` }),
  monthCountPartition: (t: string) => `TENANT#${t}#CONSCOUNT`,
  conversation: (t: string, c: string, id: string) => ({ PK: `TENANT#${t}#CONSULTATION#${c}`, SK: `CONVERSATION#${id}` }),
};

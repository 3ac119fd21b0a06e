/**
 * Survey keys. A survey, its definition history and its paper-reference claims share a partition;
 * responses, drafts, invitations and counters each have their own partition per survey, so results
 * never read responses and a busy survey spreads its writes.
 *
 * | access pattern                                    | key                                                                | used by                      |
 * |---------------------------------------------------|--------------------------------------------------------------------|------------------------------|
 * | get a survey                                      | PK = TENANT#t#SURVEY#s, SK = SURVEY                                | every survey handler         |
 * | a tenant's surveys                                | GSI1PK = TENANT#t#SURVEYS, GSI1SK = SURVEY#s                       | list, public list            |
 * | the wording a response saw                        | PK = TENANT#t#SURVEY#s, SK = DEF#<000v>                            | publish, wording changes     |
 * | one entry per paper sheet                         | PK = TENANT#t#SURVEY#s, SK = PAPER#<ref>                           | assisted entry               |
 * | a survey's responses, oldest first, paged         | PK = TENANT#t#SURVEY#s#RESP, SK = R#<yyyy-mm-dd>#<id>               | export, recount              |
 * | a draft (save and come back)                      | PK = TENANT#t#SURVEY#s#DRAFT#<sha256(token)>, SK = DRAFT (TTL)      | answering                    |
 * | one response per draft (idempotent submit)        | PK = TENANT#t#SURVEY#s#DONE#<sha256(token)>, SK = DONE (TTL)        | submit                       |
 * | invitations (one per member), stats               | PK = TENANT#t#SURVEY#s#INVITE, SK = INVITE#<p>#<m> / STATS          | invite, remind, submit       |
 * | a survey's invitations                            | PK = TENANT#t#SURVEY#s#INVITE, SK begins_with INVITE#               | invite, remind               |
 * | result counters (sharded)                         | PK = TENANT#t#SURVEY#s#COUNT, SK = <slice>#SHARD#<n>[#PART#<p>]     | submit (ADD), results (Query)|
 */
import { createHash } from 'node:crypto';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Counter shards per slice: one DynamoDB partition takes about 1,000 writes a second; 4 shards take a busy survey well past that. */
export const SHARDS = 4;

export const surveyKeys = {
  survey: (t: string, s: string) => ({ PK: `TENANT#${t}#SURVEY#${s}`, SK: 'SURVEY' }),
  surveyIndex: (t: string, s: string) => ({ GSI1PK: `TENANT#${t}#SURVEYS`, GSI1SK: `SURVEY#${s}` }),
  surveysIndexPartition: (t: string) => `TENANT#${t}#SURVEYS`,
  definition: (t: string, s: string, v: number) => ({ PK: `TENANT#${t}#SURVEY#${s}`, SK: `DEF#${String(v).padStart(4, '0')}` }),
  paper: (t: string, s: string, ref: string) => ({ PK: `TENANT#${t}#SURVEY#${s}`, SK: `PAPER#${ref}` }),
  responsesPartition: (t: string, s: string) => `TENANT#${t}#SURVEY#${s}#RESP`,
  response: (t: string, s: string, day: string, id: string) => ({ PK: `TENANT#${t}#SURVEY#${s}#RESP`, SK: `R#${day}#${id}` }),
  draft: (t: string, s: string, token: string) => ({ PK: `TENANT#${t}#SURVEY#${s}#DRAFT#${sha256(token)}`, SK: 'DRAFT' }),
  done: (t: string, s: string, token: string) => ({ PK: `TENANT#${t}#SURVEY#${s}#DONE#${sha256(token)}`, SK: 'DONE' }),
  invitesPartition: (t: string, s: string) => `TENANT#${t}#SURVEY#${s}#INVITE`,
  invite: (t: string, s: string, p: string, m: string) => ({ PK: `TENANT#${t}#SURVEY#${s}#INVITE`, SK: `INVITE#${p}#${m}` }),
  invitePrefix: 'INVITE#',
  inviteStats: (t: string, s: string) => ({ PK: `TENANT#${t}#SURVEY#${s}#INVITE`, SK: 'STATS' }),
  countersPartition: (t: string, s: string) => `TENANT#${t}#SURVEY#${s}#COUNT`,
  /** Part 0 is the shard item itself; a response with more attributes than one update can hold also writes parts 1, 2, … */
  counter: (t: string, s: string, slice: string, shard: number, part = 0) => ({
    PK: `TENANT#${t}#SURVEY#${s}#COUNT`,
    SK: part ? `${slice}#SHARD#${shard}#PART#${part}` : `${slice}#SHARD#${shard}`,
  }),
};


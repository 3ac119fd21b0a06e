import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredResponse, Survey, SurveyDefinition } from '@pv/shared/survey.schema';
import type { Answers } from '@pv/shared/survey-answers';
import { batchDelete, db, decodeCursor, encodeCursor, queryAll, tableName, versionCondition, withoutKeys, type TransactItem } from '../platform/dynamodb.ts';
import { surveyKeys as keys, SHARDS } from './surveys.keys.ts';

// ---------------------------------------------------------------------------------------------
// Surveys

export function surveyPut(tenantId: string, survey: Survey, expectedVersion?: number): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.survey(tenantId, survey.id), ...keys.surveyIndex(tenantId, survey.id), type: 'survey', tenantId, ...survey },
      ...versionCondition(expectedVersion),
    },
  };
}

/** The wording a version of the survey had: responses say which one they answered. */
export function definitionPut(tenantId: string, surveyId: string, version: number, definition: SurveyDefinition, at: string): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.definition(tenantId, surveyId, version), type: 'survey-definition', tenantId, definitionVersion: version, definition, at },
    },
  };
}

export async function getSurvey(tenantId: string, surveyId: string, consistent = false): Promise<Survey | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.survey(tenantId, surveyId), ConsistentRead: consistent }));
  return Item ? withoutKeys<Survey>(Item) : undefined;
}

export async function listSurveys(tenantId: string): Promise<Survey[]> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.surveysIndexPartition(tenantId) },
  });
  return items.map((i) => withoutKeys<Survey>(i));
}

/** Responses per survey, from the counters' ALL shards (one BatchGet for up to 25 surveys). */
export async function responseCounts(tenantId: string, surveyIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(surveyIds.map((s) => [s, 0]));
  const keysWanted = surveyIds.flatMap((s) => Array.from({ length: SHARDS }, (_, shard) => keys.counter(tenantId, s, 'ALL', shard)));
  for (let i = 0; i < keysWanted.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> }> | undefined = {
      [tableName()]: { Keys: keysWanted.slice(i, i + 100), ProjectionExpression: 'surveyId, #n', ExpressionAttributeNames: { '#n': 'n' } },
    };
    while (request && Object.keys(request).length) {
      const out = await db().send(new BatchGetCommand({ RequestItems: request }));
      for (const item of out.Responses?.[tableName()] ?? []) {
        const s = item.surveyId as string;
        counts.set(s, (counts.get(s) ?? 0) + Number(item.n ?? 0));
      }
      request = out.UnprocessedKeys as typeof request;
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Paper references

export function paperClaim(tenantId: string, surveyId: string, ref: string, responseId: string): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.paper(tenantId, surveyId, ref), type: 'survey-paper', tenantId, responseId },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function paperTaken(tenantId: string, surveyId: string, ref: string): Promise<boolean> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.paper(tenantId, surveyId, ref), ConsistentRead: true }));
  return Boolean(Item);
}

// ---------------------------------------------------------------------------------------------
// Drafts: answers saved section by section, one attribute per section so two tabs never overwrite
// each other's sections.

export interface Draft {
  surveyId: string;
  channel: StoredResponse['channel'];
  hubId?: string;
  /** From an invitation: the member's panel's hub network. */
  networkId?: string;
  invitation?: { panelId: string; memberId: string };
  assisted?: { paperRef: string; enteredBy: string; enteredBySub: string };
  answers: Answers;
  createdAt: string;
  expiresAt: number;
}

const sectionAttribute = (sectionId: string) => `s_${sectionId}`;

export function draftPut(tenantId: string, token: string, draft: Omit<Draft, 'answers'>, ifAbsent = true): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.draft(tenantId, draft.surveyId, token), type: 'survey-draft', tenantId, ...draft },
      ...(ifAbsent ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
    },
  };
}

export async function getDraft(tenantId: string, surveyId: string, token: string): Promise<Draft | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.draft(tenantId, surveyId, token), ConsistentRead: true }));
  if (!Item) return undefined;
  const answers: Answers = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(Item)) {
    if (k.startsWith('s_')) Object.assign(answers, v as Answers);
    else rest[k] = v;
  }
  return { ...withoutKeys<Omit<Draft, 'answers'>>(rest), expiresAt: Number(Item.expiresAt), answers };
}

/** Replaces one section's answers; fails (false) when the draft has gone (submitted, or expired). */
export async function saveDraftSection(tenantId: string, surveyId: string, token: string, sectionId: string, answers: Answers): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.draft(tenantId, surveyId, token),
        UpdateExpression: 'SET #section = :answers, updatedAt = :now',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#section': sectionAttribute(sectionId) },
        ExpressionAttributeValues: { ':answers': answers, ':now': new Date().toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export function draftDelete(tenantId: string, surveyId: string, token: string): TransactItem {
  return { Delete: { TableName: tableName(), Key: keys.draft(tenantId, surveyId, token) } };
}

/** The mark that a draft became a response: its existence makes a second submit a no-op. */
export function doneClaim(tenantId: string, surveyId: string, token: string, expiresAt: number): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.done(tenantId, surveyId, token), type: 'survey-done', tenantId, expiresAt },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function isDone(tenantId: string, surveyId: string, token: string): Promise<boolean> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.done(tenantId, surveyId, token), ConsistentRead: true }));
  return Boolean(Item);
}

// ---------------------------------------------------------------------------------------------
// Responses

export function responsePut(tenantId: string, surveyId: string, response: StoredResponse & { groups: string[]; recordKey: number }): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.response(tenantId, surveyId, response.day, response.id), type: 'survey-response', tenantId, surveyId, ...response },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/**
 * A response as stored: what the export may show (`StoredResponse`), plus its groups and its record
 * key (the cell key method; absent on responses stored before keys existed). Neither leaves the server.
 */
export type ResponseWithGroups = StoredResponse & { groups: string[]; recordKey?: number };

export async function listResponses(tenantId: string, surveyId: string, limit: number, cursor?: string): Promise<{ items: ResponseWithGroups[]; next?: string }> {
  const partition = keys.responsesPartition(tenantId, surveyId);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, (key) => key.PK === partition && typeof key.SK === 'string' && Object.keys(key).length === 2),
    }),
  );
  return { items: (out.Items ?? []).map((i) => withoutKeys<ResponseWithGroups>(i)), next: encodeCursor(out.LastEvaluatedKey) };
}

// ---------------------------------------------------------------------------------------------
// Counters: ADD on one shard item per slice (more when one response moves many attributes), summed on read

/** DynamoDB refuses an update expression longer than 4 KB; counter updates stop at 4,000 bytes, a margin under it. */
export const UPDATE_EXPRESSION_LIMIT = 4000;
const COUNTER_SET = 'SET #type = :type, #slice = :slice, #survey = :survey ADD ';

/**
 * One response's `ADD`s to one shard of one slice. A survey with many questions moves hundreds of
 * attributes (each count beside its key sum), so they are packed into as few updates as keep each
 * expression under the 4 KB limit: the first on the shard item `<slice>#SHARD#<n>` (which always
 * holds `n`, all `list-surveys` reads), the rest on `<slice>#SHARD#<n>#PART#<p>`. Where an attribute
 * lands does not matter: results sum every item of the partition by its `slice`. Placeholders are the
 * term's index in base 36 (`#1z :1z`), the shortest DynamoDB takes, so about 430 attributes fit in one.
 */
export function counterUpdates(tenantId: string, surveyId: string, slice: string, shard: number, deltas: Map<string, number>): TransactItem[] {
  const parts: [string, number][][] = [[]];
  let length = COUNTER_SET.length;
  for (const entry of deltas) {
    const i = parts.at(-1)!.length;
    const term = (i ? 2 : 0) + termFor(i).length;
    if (i && length + term > UPDATE_EXPRESSION_LIMIT) {
      parts.push([entry]);
      length = COUNTER_SET.length + termFor(0).length;
    } else {
      parts.at(-1)!.push(entry);
      length += term;
    }
  }
  return parts.map((entries, part) => counterUpdate(tenantId, surveyId, slice, shard, part, entries));
}

const termFor = (i: number) => `#${i.toString(36)} :${i.toString(36)}`;

function counterUpdate(tenantId: string, surveyId: string, slice: string, shard: number, part: number, entries: [string, number][]): TransactItem {
  const names: Record<string, string> = { '#type': 'type', '#slice': 'slice', '#survey': 'surveyId' };
  const values: Record<string, unknown> = { ':type': 'survey-counter', ':slice': slice, ':survey': surveyId };
  entries.forEach(([attribute, by], i) => {
    const id = i.toString(36);
    names[`#${id}`] = attribute;
    values[`:${id}`] = by;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: keys.counter(tenantId, surveyId, slice, shard, part),
      UpdateExpression: `${COUNTER_SET}${entries.map((_, i) => termFor(i)).join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Every counter of a survey, shards summed: slice → attribute → total. Bounded by slices × shards, not by responses. */
export async function readCounters(tenantId: string, surveyId: string): Promise<{ slices: Map<string, Map<string, number>>; itemsRead: number }> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.countersPartition(tenantId, surveyId) },
  });
  const slices = new Map<string, Map<string, number>>();
  for (const item of items) {
    const slice = item.slice as string;
    const totals = slices.get(slice) ?? new Map<string, number>();
    for (const [k, v] of Object.entries(item)) {
      if (typeof v !== 'number' || k === 'expiresAt') continue;
      totals.set(k, (totals.get(k) ?? 0) + v);
    }
    slices.set(slice, totals);
  }
  return { slices, itemsRead: items.length };
}

export async function responseExists(tenantId: string, surveyId: string, day: string, responseId: string): Promise<boolean> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.response(tenantId, surveyId, day, responseId), ProjectionExpression: 'PK', ConsistentRead: true }));
  return Boolean(Item);
}

/**
 * The words of one answer are replaced, the answer staying counted: `[Removed]` when a comment is
 * erased from the feedback, WITHHELD when it is flagged as a safeguarding concern (the flagged
 * comment keeps the words, for the safeguarding contact only).
 */
export const REMOVED_ANSWER = '[Removed]';
export function redactAnswer(tenantId: string, surveyId: string, day: string, responseId: string, questionId: string, replacement: string = REMOVED_ANSWER): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.response(tenantId, surveyId, day, responseId),
      UpdateExpression: 'SET #answers.#q = :removed',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#answers': 'answers', '#q': questionId },
      ExpressionAttributeValues: { ':removed': replacement },
    },
  };
}

/**
 * Retention: deletes every stored response of a survey (all pages of its responses partition) and
 * returns how many went. The result counters are another partition and are not touched: the
 * aggregates stay, the answers behind them go. Running it again deletes nothing more.
 */
export async function deleteAllResponses(tenantId: string, surveyId: string): Promise<number> {
  const found = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.responsesPartition(tenantId, surveyId) },
    ProjectionExpression: 'PK, SK',
  });
  return batchDelete(found as { PK: string; SK: string }[]);
}

import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { newRecordKey } from '@pv/shared/cell-key';
import { quoteApproved, type Feedback, type Theme, type TriageFilter, type WaitingQuote } from '@pv/shared/feedback.schema';
import type { ResponseChannel, TextAnswer } from '@pv/shared/survey.schema';
import { addCounts, db, decodeCursor, replacePartition, encodeCursor, isConditionFailure, queryAll, queryPage, tableName, withoutKeys, type TransactItem } from '../platform/dynamodb.ts';
import { addCells, isCounted, periodOf, SHARDS, sumShards, tenantCells, themeCells } from './feedback-counters.ts';
import { feedbackKeys as keys } from './feedback.keys.ts';

export type { Feedback } from '@pv/shared/feedback.schema';

/**
 * Feedback items, their counters and themes: the only code that knows their keys. A Feedback item
 * is something a parent said, in their words, with the tags that say what it is about (priorities,
 * cross-cutting themes), where (hub, hub network) and whose voice it is (groups). It never holds who
 * said it for an anonymous survey; for a named one, `memberId` lets the "you said, we did" loop tell
 * them what changed.
 */

/** Where a comment sits in the triage queue: untagged new ones sort first when read newest first. */
export function triageBucket(f: Pick<Feedback, 'status' | 'priorityIds'>): string {
  if (f.status === 'new') return f.priorityIds.length ? 'new0' : 'new1';
  return f.status;
}

function item(tenantId: string, f: Feedback, flaggedAt?: string): Record<string, unknown> {
  const safeguarding = f.status === 'safeguarding';
  // A flagged comment leaves the survey's and the consultation's lists: only the contact can read it.
  const sourceIndex = safeguarding
    ? {}
    : f.source.kind === 'survey'
      ? keys.bySource(tenantId, f.source.surveyId, f.source.questionId, f.receivedOn, f.id)
      : keys.byConsultation(tenantId, f.source.consultationId, f.receivedOn, f.id);
  const queue = safeguarding ? keys.safeguarding(tenantId, flaggedAt ?? new Date().toISOString(), f.id) : keys.triage(tenantId, triageBucket(f), f.receivedOn, f.id);
  return { ...keys.feedback(tenantId, f.id), ...sourceIndex, ...queue, type: 'feedback', tenantId, ...f, search: f.text.toLowerCase() };
}

/** Cells (counts and key sums) one counter update adds to: `ADD #c99 :v99, ` is 14 characters, so 100 stay well inside 4 KB. */
export const COUNTER_CELLS_PER_UPDATE = 100;

/** Which counter item a cell lives on: its priority (`p:x`), or `*` for the rest. */
const counterPart = (cell: string) => (cell.startsWith('p:') ? cell.slice(0, cell.indexOf('|')) : '*');

/** `ADD` a set of deltas to one item (zeros dropped); undefined when nothing changes. */
/** Theme counts live on the theme item as top-level numbers named `#<cell>`. */
const THEME_COUNT = '#';

export interface FeedbackChange {
  before?: Feedback;
  /** Undefined: the comment is removed. */
  after?: Feedback;
  /** For a comment flagged as a safeguarding concern. */
  flaggedAt?: string;
}

/**
 * Everything one or more comment changes write, as transaction items: each comment (created, replaced
 * on the version read, or deleted), the counter deltas summed per counter item (one shard per call,
 * for the month and for all time), each theme's counts and its list of comments.
 */
export function changeWrites(tenantId: string, changes: FeedbackChange[]): TransactItem[] {
  const writes: TransactItem[] = [];
  const counters = new Map<string, Map<string, number>>();
  const themes = new Map<string, Map<string, number>>();
  const deltas = (map: Map<string, Map<string, number>>, key: string) => {
    let d = map.get(key);
    if (!d) map.set(key, (d = new Map()));
    return d;
  };
  for (const { before, after, flaggedAt } of changes) {
    const f = (after ?? before)!;
    if (after) {
      writes.push({
        Put: {
          TableName: tableName(),
          Item: item(tenantId, after, flaggedAt),
          ...(before
            ? { ConditionExpression: '#version = :v', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':v': before.version } }
            : { ConditionExpression: 'attribute_not_exists(PK)' }),
        },
      });
    } else {
      writes.push({
        Delete: {
          TableName: tableName(),
          Key: keys.feedback(tenantId, f.id),
          ConditionExpression: '#version = :v',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':v': before!.version },
        },
      });
    }
    for (const period of [periodOf(f.receivedOn), 'ALL']) {
      // One counter item per priority part of the cell, so no item's update outgrows DynamoDB's 4 KB expression limit.
      if (before) for (const c of tenantCells(before)) addCells(deltas(counters, `${period}\n${counterPart(c)}`), [c], -1, before);
      if (after) for (const c of tenantCells(after)) addCells(deltas(counters, `${period}\n${counterPart(c)}`), [c], 1, after);
    }
    if (before?.themeId) addCells(deltas(themes, before.themeId), themeCells(before), -1, before);
    if (after?.themeId) addCells(deltas(themes, after.themeId), themeCells(after), 1, after);
    if (after?.themeId) deltas(themes, after.themeId);
    if (before?.themeId && before.themeId !== after?.themeId) {
      writes.push({ Delete: { TableName: tableName(), Key: keys.themeMember(tenantId, before.themeId, f.id) } });
    }
    if (after?.themeId && after.themeId !== before?.themeId) {
      writes.push({ Put: { TableName: tableName(), Item: { ...keys.themeMember(tenantId, after.themeId, f.id), type: 'theme-member', tenantId, feedbackId: f.id, receivedOn: f.receivedOn } } });
    }
    // A quote chosen for partners is listed in its theme while the comment is counted there, once a
    // second person has approved it; until then it is on the list of quotes waiting for approval.
    const quoteIn = (x?: Feedback) => (x?.quote && quoteApproved(x.quote) && x.themeId && isCounted(x) ? x.themeId : undefined);
    const [quotedBefore, quotedAfter] = [quoteIn(before), quoteIn(after)];
    if (quotedBefore && quotedBefore !== quotedAfter) writes.push({ Delete: { TableName: tableName(), Key: keys.quote(tenantId, quotedBefore, f.id) } });
    if (quotedAfter && (quotedAfter !== quotedBefore || before?.quote?.text !== after!.quote!.text)) {
      writes.push({ Put: { TableName: tableName(), Item: { ...keys.quote(tenantId, quotedAfter, f.id), type: 'quote', tenantId, feedbackId: f.id, text: after!.quote!.text, receivedOn: f.receivedOn } } });
    }
    const waiting = (x?: Feedback) => !!(x?.quote?.state === 'awaiting-approval' && x.themeId && isCounted(x));
    const [waitingBefore, waitingAfter] = [waiting(before), waiting(after)];
    if (waitingBefore && !waitingAfter) writes.push({ Delete: { TableName: tableName(), Key: keys.quoteWaiting(tenantId, f.id) } });
    if (waitingAfter && (!waitingBefore || before!.quote!.text !== after!.quote!.text || before!.quote!.at !== after!.quote!.at || before!.themeId !== after!.themeId)) {
      const q = after!.quote!;
      const waitingItem: WaitingQuote = { feedbackId: f.id, themeId: after!.themeId!, text: q.text, by: q.by, at: q.at };
      writes.push({ Put: { TableName: tableName(), Item: { ...keys.quoteWaiting(tenantId, f.id), type: 'quote-waiting', tenantId, ...waitingItem } } });
    }
  }
  const shard = Math.floor(Math.random() * SHARDS);
  for (const [at, d] of counters) {
    const [period, part] = at.split('\n') as [string, string];
    // A big bulk change can touch hundreds of cells of one item: past ~100 the update expression nears
    // DynamoDB's 4 KB, so the rest go to items of their own (every item of the partition is summed on read).
    const cells = [...d].filter(([, v]) => v !== 0);
    for (let i = 0; i * COUNTER_CELLS_PER_UPDATE < cells.length; i++) {
      const w = addCounts(keys.counter(tenantId, period, shard, part, i), new Map(cells.slice(i * COUNTER_CELLS_PER_UPDATE, (i + 1) * COUNTER_CELLS_PER_UPDATE)));
      if (w) writes.push(w);
    }
  }
  for (const [themeId, d] of themes) {
    // The theme must still exist (a merge may have removed it meanwhile).
    const key = keys.theme(tenantId, themeId);
    const update = addCounts(key, d, THEME_COUNT);
    if (update) update.Update!.ConditionExpression = 'attribute_exists(PK)';
    writes.push(update ?? { ConditionCheck: { TableName: tableName(), Key: key, ConditionExpression: 'attribute_exists(PK)' } });
  }
  return writes;
}

/** New comments (from a survey answer or a logged conversation), counted as they are written, each given its record key here. */
export function newFeedbackWrites(tenantId: string, feedback: Feedback[]): TransactItem[] {
  return feedback.length ? changeWrites(tenantId, feedback.map((f) => ({ after: { ...f, recordKey: f.recordKey ?? newRecordKey() } }))) : [];
}

export async function getFeedback(tenantId: string, id: string): Promise<Feedback | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.feedback(tenantId, id), ConsistentRead: true }));
  return out.Item ? toFeedback(out.Item) : undefined;
}

function toFeedback(i: Record<string, unknown>): Feedback {
  const { search: _s, flaggedAt: _f, flag: _r, ...rest } = withoutKeys<Feedback & { search: string; flaggedAt?: string; flag?: unknown }>(i);
  return rest as Feedback;
}

/** Up to 100 comments by id (missing ones are left out), strongly consistent. */
export async function getManyFeedback(tenantId: string, ids: string[]): Promise<Feedback[]> {
  const out: Feedback[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [tableName()]: { Keys: [...new Set(ids.slice(i, i + 100))].map((id) => keys.feedback(tenantId, id)), ConsistentRead: true },
    };
    while (request && Object.keys(request).length) {
      const res = await db().send(new BatchGetCommand({ RequestItems: request }));
      out.push(...(res.Responses?.[tableName()] ?? []).map(toFeedback));
      request = res.UnprocessedKeys as typeof request;
    }
  }
  return out;
}

/** The triage queue, newest first (untagged new comments before tagged ones), a page at a time. */
export async function listTriage(tenantId: string, filter: TriageFilter): Promise<{ items: Feedback[]; next?: string; read: number }> {
  const partition = keys.triagePartition(tenantId);
  const prefix = filter.status === 'untagged' ? 'new1#' : filter.status === 'new' ? 'new' : `${filter.status}#`;
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': partition, ':prefix': prefix };
  if (filter.priority) (conditions.push('contains(#priorityIds, :priority)'), (names['#priorityIds'] = 'priorityIds'), (values[':priority'] = filter.priority));
  if (filter.network) (conditions.push('#networkId = :network'), (names['#networkId'] = 'networkId'), (values[':network'] = filter.network));
  if (filter.group) (conditions.push('contains(#groups, :group)'), (names['#groups'] = 'groups'), (values[':group'] = filter.group));
  if (filter.theme) (conditions.push('#themeId = :theme'), (names['#themeId'] = 'themeId'), (values[':theme'] = filter.theme));
  if (filter.q) (conditions.push('contains(#search, :q)'), (names['#search'] = 'search'), (values[':q'] = filter.q.toLowerCase()));
  const page = await queryPage(
    {
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :prefix)',
      ExpressionAttributeValues: values,
      ...(conditions.length ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names } : {}),
      ScanIndexForward: false,
    },
    { limit: filter.limit, start: decodeCursor(filter.cursor, (key) => key.GSI2PK === partition), keyAttributes: ['PK', 'SK', 'GSI2PK', 'GSI2SK'] },
  );
  return { ...page, items: page.items.map(toFeedback) };
}

/** Every comment in the triage queue (all statuses except safeguarding): for recounts. */
export async function allTriaged(tenantId: string): Promise<Feedback[]> {
  return (await queryAll({ IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': keys.triagePartition(tenantId) } })).map(toFeedback);
}

export async function listSafeguarding(tenantId: string): Promise<(Feedback & { flag?: SafeguardingFlag })[]> {
  const items = await queryAll({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.safeguardingPartition(tenantId) },
    ScanIndexForward: false,
  });
  return items.map((i) => ({ ...toFeedback(i), flag: i.flag as SafeguardingFlag | undefined }));
}

export interface SafeguardingFlag {
  by: string;
  at: string;
  reason: string;
  handled?: { by: string; at: string; note: string };
}

/** The summed counters for a period (`yyyy-mm` or `ALL`). */
export async function readCounters(tenantId: string, period: string): Promise<Map<string, number>> {
  const items = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.counterPartition(tenantId, period) }, ConsistentRead: true });
  return sumShards(items);
}

/**
 * Adds text to a comment kept with it for the safeguarding contact (the reason and who flagged it):
 * written as part of the flagged comment's item, so it goes wherever the comment goes.
 */
export function withFlag(put: TransactItem, flag: SafeguardingFlag): TransactItem {
  put.Put!.Item = { ...put.Put!.Item, flag, flaggedAt: flag.at };
  return put;
}

// ---------------------------------------------------------------------------------------------
// Themes

function toTheme(i: Record<string, unknown>): Theme {
  const counts: Record<string, number> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(withoutKeys<Record<string, unknown>>(i))) {
    if (k.startsWith(THEME_COUNT)) counts[k.slice(THEME_COUNT.length)] = v as number;
    else rest[k] = v;
  }
  return { ...(rest as unknown as Theme), counts };
}

export function themePut(tenantId: string, theme: Theme, expectedVersion?: number): TransactItem {
  const { counts: _c, ...fields } = theme;
  if (expectedVersion === undefined) {
    return { Put: { TableName: tableName(), Item: { ...keys.theme(tenantId, theme.id), ...keys.themeIndex(tenantId, theme.id), type: 'theme', tenantId, ...fields }, ConditionExpression: 'attribute_not_exists(PK)' } };
  }
  // An update sets the fields and leaves the counts (kept by comment changes) alone.
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': expectedVersion };
  const sets = Object.entries(fields).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:f${i}`] = v;
    return `#f${i} = :f${i}`;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: keys.theme(tenantId, theme.id),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Deletes an empty theme (a merge moves its comments first). */
export function themeDelete(tenantId: string, themeId: string, expectedVersion: number): TransactItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: keys.theme(tenantId, themeId),
      ConditionExpression: '#version = :v',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':v': expectedVersion },
    },
  };
}

export async function getTheme(tenantId: string, id: string): Promise<Theme | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.theme(tenantId, id), ConsistentRead: true }));
  return out.Item ? toTheme(out.Item) : undefined;
}

export async function listThemes(tenantId: string): Promise<Theme[]> {
  return (await queryAll({ IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.themesPartition(tenantId) } })).map(toTheme);
}

/** The ids of every comment in a theme (read from the theme's own partition). */
export async function themeMemberIds(tenantId: string, themeId: string): Promise<string[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :m)',
    ExpressionAttributeValues: { ':pk': keys.themePartition(tenantId, themeId), ':m': 'FEEDBACK#' },
    ProjectionExpression: 'feedbackId',
    ConsistentRead: true,
  });
  return items.map((i) => i.feedbackId as string);
}

// ---------------------------------------------------------------------------------------------
// Survey results read answers to one question from the source index

/**
 * Answers to one survey question, oldest day first, a page at a time. With `search`, DynamoDB
 * filters each page by a case-insensitive "contains" on the stored lower-case copy, so a page may
 * hold fewer than `limit` matches; the cursor goes on from where the reading stopped.
 */
export async function listTextAnswers(
  tenantId: string,
  surveyId: string,
  questionId: string,
  options: { limit: number; cursor?: string; search?: string },
): Promise<{ items: TextAnswer[]; next?: string; read: number }> {
  const partition = keys.bySourcePartition(tenantId, surveyId, questionId);
  const search = options.search?.trim().toLowerCase();
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': partition, ...(search ? { ':q': search } : {}) },
      ...(search ? { FilterExpression: 'contains(#search, :q)', ExpressionAttributeNames: { '#search': 'search' } } : {}),
      // Reading stops at `limit` items read (before the filter); a search reads up to 10 times as many.
      Limit: search ? options.limit * 10 : options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, (key) => key.GSI1PK === partition),
    }),
  );
  return {
    items: (out.Items ?? []).map((i) => ({ id: i.id as string, day: i.receivedOn as string, text: i.text as string, channel: i.channel as ResponseChannel })),
    next: encodeCursor(out.LastEvaluatedKey),
    read: out.ScannedCount ?? 0,
  };
}

/** The safeguarding contact's note on what was done; the comment stays flagged. */
export function handledUpdate(tenantId: string, id: string, version: number, handled: NonNullable<SafeguardingFlag['handled']>): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.feedback(tenantId, id),
      UpdateExpression: 'SET #flag.#handled = :h, #version = :next',
      ConditionExpression: '#version = :v AND #status = :sg',
      ExpressionAttributeNames: { '#flag': 'flag', '#handled': 'handled', '#version': 'version', '#status': 'status' },
      ExpressionAttributeValues: { ':h': handled, ':v': version, ':next': version + 1, ':sg': 'safeguarding' },
    },
  };
}

/** Quotes waiting for a second officer's approval, oldest comment first (a page of `limit`). */
export async function listWaitingQuotes(tenantId: string, limit = 100): Promise<WaitingQuote[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.quotesWaitingPartition(tenantId) },
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => ({ feedbackId: String(i['feedbackId']), themeId: String(i['themeId']), text: String(i['text']), by: String(i['by']), at: String(i['at']) }));
}

/** Up to `limit` approved quotes chosen for partners in a theme (one Query, however big the theme). */
export async function listQuotes(tenantId: string, themeId: string, limit = 10): Promise<{ id: string; text: string; receivedOn: string }[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :q)',
      ExpressionAttributeValues: { ':pk': keys.themePartition(tenantId, themeId), ':q': 'QUOTE#' },
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => ({ id: String(i['feedbackId']), text: String(i['text']), receivedOn: String(i['receivedOn']).slice(0, 7) }));
}

// ---------------------------------------------------------------------------------------------
// Rebuilds (a job, never a request path)

/** Rewrites one period's counters from a recount: one item per priority part, shard 0. */
export async function replaceCounters(tenantId: string, period: string, cells: Map<string, number>): Promise<void> {
  const parts = new Map<string, Record<string, number>>();
  for (const [cell, n] of cells) {
    const part = counterPart(cell);
    parts.set(part, { ...(parts.get(part) ?? {}), [cell]: n });
  }
  await replacePartition(
    keys.counterPartition(tenantId, period),
    [...parts].map(([part, counts]) => ({ SK: keys.counter(tenantId, period, 0, part).SK, type: 'feedback-counter', tenantId, ...counts })),
  );
}

/**
 * Gives a record key to every comment written before comments had one (a rebuild's first step: the
 * recount then moves their keys into the key sums). Returns how many it gave.
 */
export async function giveRecordKeys(tenantId: string, comments: Feedback[]): Promise<number> {
  let given = 0;
  for (const f of comments) {
    if (f.recordKey !== undefined) continue;
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.feedback(tenantId, f.id),
          UpdateExpression: 'SET recordKey = :k',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(recordKey)',
          ExpressionAttributeValues: { ':k': newRecordKey() },
        }),
      );
      given++;
    } catch (e) {
      // Removed meanwhile, or given a key by a racing rebuild: either way nothing to do.
      if (!isConditionFailure(e)) throw e;
    }
  }
  return given;
}

/** Periods that have counter items now (months and ALL), for a rebuild to clear. */
export async function countedPeriods(tenantId: string, months: string[]): Promise<string[]> {
  const found = await Promise.all(months.map(async (m) => ((await readCounters(tenantId, m)).size ? m : undefined)));
  return found.filter((m): m is string => m !== undefined);
}

/** Sets a theme's counts to a recount's (stale cells removed), leaving its fields and version alone. */
export async function replaceThemeCounts(tenantId: string, themeId: string, cells: Map<string, number>): Promise<void> {
  const theme = await getTheme(tenantId, themeId);
  if (!theme) return;
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  let i = 0;
  for (const [cell, n] of cells) {
    names[`#c${i}`] = `${THEME_COUNT}${cell}`;
    values[`:c${i}`] = n;
    sets.push(`#c${i} = :c${i}`);
    i++;
  }
  for (const cell of Object.keys(theme.counts)) {
    if (cells.has(cell)) continue;
    names[`#c${i}`] = `${THEME_COUNT}${cell}`;
    removes.push(`#c${i}`);
    i++;
  }
  if (!sets.length && !removes.length) return;
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.theme(tenantId, themeId),
      UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' '),
      ExpressionAttributeNames: names,
      ...(sets.length ? { ExpressionAttributeValues: values } : {}),
      ConditionExpression: 'attribute_exists(PK)',
    }),
  );
}

import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Action, LogFilter, PublicAction } from '@pv/shared/action.schema';
import { addCounts, db, readMonthCells, replaceMonthCells, decodeCursor, encodeCursor, queryAll, queryPage, tableName, versionCondition, withoutKeys, type TransactItem } from '../platform/dynamodb.ts';
import { actionKeys as keys } from './actions.keys.ts';

/** Actions and the public log's items: the only code that knows their keys. */

export function actionPut(tenantId: string, action: Action, expectedVersion?: number): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.action(tenantId, action.id), ...keys.index(tenantId, action.updatedAt, action.id), type: 'action', tenantId, ...action },
      ...versionCondition(expectedVersion),
    },
  };
}

export async function getAction(tenantId: string, id: string): Promise<Action | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.action(tenantId, id), ConsistentRead: true }));
  return out.Item ? withoutKeys<Action>(out.Item) : undefined;
}

export async function listActions(tenantId: string, limit: number, cursor?: string): Promise<{ items: Action[]; next?: string }> {
  const partition = keys.indexPartition(tenantId);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, (k) => k.GSI1PK === partition),
    }),
  );
  return { items: (out.Items ?? []).map((i) => withoutKeys<Action>(i)), next: encodeCursor(out.LastEvaluatedKey) };
}

// ---------------------------------------------------------------------------------------------
// The public log

/** The facets a published action is listed under: everything, and each priority, network, hub, group and its status. */
export function facetsOf(a: PublicAction): string[] {
  return [
    'ALL',
    ...a.priorityIds.map((p) => `P#${p}`),
    ...a.networkIds.map((n) => `N#${n}`),
    ...a.hubIds.map((h) => `H#${h}`),
    ...a.groups.map((g) => `G#${g}`),
    `S#${a.status}`,
  ];
}

/** Each facet's item is a copy of the public action, so a page of the log is one Query. */
export function logWrites(tenantId: string, before: PublicAction | undefined, after: PublicAction, publishedAt: string): TransactItem[] {
  const writes: TransactItem[] = [];
  const keep = new Set(facetsOf(after));
  if (before) {
    for (const facet of facetsOf(before)) if (!keep.has(facet)) writes.push({ Delete: { TableName: tableName(), Key: keys.log(tenantId, facet, publishedAt, after.id) } });
  }
  for (const facet of keep) {
    writes.push({
      Put: {
        TableName: tableName(),
        Item: { ...keys.log(tenantId, facet, publishedAt, after.id), ...(facet === 'ALL' ? keys.logById(tenantId, after.id) : {}), type: 'log-entry', tenantId, ...after },
      },
    });
  }
  return writes;
}

/** Cells: `<p>|<l>|<g>` with `*` for any (l is `n:` or `h:`), and the same with `|done`. */
export function logCells(a: PublicAction | undefined): string[] {
  if (!a) return [];
  const ps = ['*', ...a.priorityIds.map((p) => `p:${p}`)];
  const ls = ['*', ...a.networkIds.map((n) => `n:${n}`), ...a.hubIds.map((h) => `h:${h}`)];
  const gs = ['*', ...a.groups.map((g) => `g:${g}`)];
  const cells: string[] = [];
  for (const p of ps) for (const l of ls) for (const g of gs) cells.push(`${p}|${l}|${g}`);
  return a.status === 'done' ? [...cells, ...cells.map((c) => `${c}|done`)] : cells;
}

/** One count item per priority part (`*` or `p:x`), so no update outgrows DynamoDB's 4 KB expression limit. */
export function logCountWrites(tenantId: string, before: PublicAction | undefined, after: PublicAction): TransactItem[] {
  const items = new Map<string, Map<string, number>>();
  const add = (cells: string[], sign: number) => {
    for (const c of cells) {
      const part = c.slice(0, c.indexOf('|'));
      let d = items.get(part);
      if (!d) items.set(part, (d = new Map()));
      d.set(c, (d.get(c) ?? 0) + sign);
    }
  };
  add(logCells(before), -1);
  add(logCells(after), 1);
  return [...items].flatMap(([part, deltas]) => addCounts(keys.logCount(tenantId, part), deltas) ?? []);
}

/**
 * What a published action adds to the monthly counts: `pub`, `pub|p:x` in the month it was first
 * published (only when `first`), and `done`, `done|p:x` in the month it was done.
 */
export function monthCells(a: PublicAction, first: boolean): [month: string, cell: string][] {
  const withPriorities = (what: string) => [what, ...a.priorityIds.map((p) => `${what}|p:${p}`)];
  return [
    ...(first ? withPriorities('pub').map((c) => [a.publishedOn.slice(0, 7), c] as [string, string]) : []),
    ...(a.status === 'done' && a.doneOn ? withPriorities('done').map((c) => [a.doneOn.slice(0, 7), c] as [string, string]) : []),
  ];
}

/** Actions published and done per month: a change moves "done" to its new month (or takes it away). */
export function monthCountWrites(tenantId: string, before: PublicAction | undefined, after: PublicAction): TransactItem[] {
  const months = new Map<string, Map<string, number>>();
  const add = (cells: [string, string][], sign: number) => {
    for (const [month, c] of cells) {
      let d = months.get(month);
      if (!d) months.set(month, (d = new Map()));
      d.set(c, (d.get(c) ?? 0) + sign);
    }
  };
  if (before) add(monthCells(before, false), -1);
  add(monthCells(after, !before), 1);
  return [...months].flatMap(([month, deltas]) => addCounts(keys.monthCount(tenantId, month), deltas) ?? []);
}

/** Month → cell → count, for the months from `from` to `to` (`yyyy-mm`). */
export async function readMonthCounts(tenantId: string, from: string, to: string): Promise<Map<string, Map<string, number>>> {
  return readMonthCells(keys.monthCountPartition(tenantId), from, to);
}

export async function readLogCounts(tenantId: string): Promise<Record<string, number>> {
  const items = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.logCountPartition(tenantId) } });
  const out: Record<string, number> = {};
  for (const item of items) for (const [k, v] of Object.entries(item)) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
  return out;
}

function toPublic(i: Record<string, unknown>): PublicAction {
  const a = withoutKeys<PublicAction>(i);
  return a;
}

/**
 * A page of the public log, newest first. The most specific filter picks the facet to read (hub,
 * group, priority, network, status, or everything); any others filter that facet's items, reading on
 * until the page is full or ten pages' worth have been read.
 */
export async function readLog(tenantId: string, filter: LogFilter): Promise<{ items: PublicAction[]; next?: string; read: number }> {
  const facet = filter.hub ? `H#${filter.hub}` : filter.group ? `G#${filter.group}` : filter.priority ? `P#${filter.priority}` : filter.network ? `N#${filter.network}` : filter.status ? `S#${filter.status}` : 'ALL';
  const partition = keys.logPartition(tenantId, facet);
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': partition };
  const add = (cond: string, name: string, attr: string, value: unknown) => {
    conditions.push(cond);
    names[name] = attr;
    values[`:${attr}`] = value;
  };
  if (filter.group && !facet.startsWith('G#')) add('contains(#groups, :groups)', '#groups', 'groups', filter.group);
  if (filter.priority && !facet.startsWith('P#')) add('contains(#priorityIds, :priorityIds)', '#priorityIds', 'priorityIds', filter.priority);
  if (filter.network && !facet.startsWith('N#')) add('contains(#networkIds, :networkIds)', '#networkIds', 'networkIds', filter.network);
  if (filter.status && !facet.startsWith('S#')) add('#status = :status', '#status', 'status', filter.status);
  const page = await queryPage(
    {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: values,
      ...(conditions.length ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names } : {}),
      ScanIndexForward: false,
    },
    { limit: filter.limit, start: decodeCursor(filter.cursor, (k) => k.PK === partition), keyAttributes: ['PK', 'SK'] },
  );
  return { ...page, items: page.items.map(toPublic) };
}

export async function getPublicAction(tenantId: string, id: string): Promise<PublicAction | undefined> {
  const out = await db().send(
    new QueryCommand({ TableName: tableName(), IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK = :id', ExpressionAttributeValues: { ':pk': keys.logByIdPartition(tenantId), ':id': id } }),
  );
  const item = out.Items?.[0];
  return item ? toPublic(item) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Closing the loop: at most one email a day per member, the rest waiting for the daily digest

/** Today's marker: its condition fails when the member already had an email today. */
export function loopDayPut(tenantId: string, memberId: string, day: string): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.loopDay(tenantId, memberId, day), type: 'loop-day', tenantId, expiresAt: Math.floor(Date.now() / 1000) + 3 * 24 * 3600 },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function hadLoopEmail(tenantId: string, memberId: string, day: string): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.loopDay(tenantId, memberId, day), ConsistentRead: true }));
  return Boolean(out.Item);
}

export async function addToDigest(tenantId: string, panelId: string, memberId: string, actionId: string): Promise<void> {
  const index = keys.loopPendingIndex(tenantId, memberId);
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.loopPending(tenantId, memberId),
      UpdateExpression: 'SET #ids = list_append(if_not_exists(#ids, :empty), :id), panelId = :panel, memberId = :member, tenantId = :t, #type = :type, GSI1PK = :gpk, GSI1SK = :gsk ADD #version :one',
      ExpressionAttributeNames: { '#ids': 'actionIds', '#type': 'type', '#version': 'version' },
      ExpressionAttributeValues: { ':empty': [], ':id': [actionId], ':panel': panelId, ':member': memberId, ':t': tenantId, ':type': 'loop-pending', ':gpk': index.GSI1PK, ':gsk': index.GSI1SK, ':one': 1 },
    }),
  );
}

export interface PendingDigest {
  tenantId: string;
  panelId: string;
  memberId: string;
  actionIds: string[];
  version: number;
}

/** Every waiting digest, across tenants (the daily job), a page at a time. */
export async function pendingDigests(cursor?: Record<string, unknown>, tenantId?: string): Promise<{ items: PendingDigest[]; next?: Record<string, unknown> }> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: tenantId ? 'GSI1PK = :pk AND begins_with(GSI1SK, :t)' : 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.loopPendingPartition(), ...(tenantId ? { ':t': `${tenantId}#` } : {}) },
      ExclusiveStartKey: cursor,
    }),
  );
  return {
    items: (out.Items ?? []).map((i) => ({ tenantId: i.tenantId as string, panelId: i.panelId as string, memberId: i.memberId as string, actionIds: i.actionIds as string[], version: i.version as number })),
    next: out.LastEvaluatedKey,
  };
}

/** Removes a digest once sent, unless another change joined it meanwhile (then the next run sends that). */
export function digestDelete(tenantId: string, memberId: string, version?: number): TransactItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: keys.loopPending(tenantId, memberId),
      ...(version === undefined ? {} : { ConditionExpression: '#version = :v', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':v': version } }),
    },
  };
}

/** A rebuild job's: sets the monthly counts to a recount's. */
export async function replaceMonthCounts(tenantId: string, byMonth: Map<string, Map<string, number>>): Promise<void> {
  await replaceMonthCells(keys.monthCountPartition(tenantId), byMonth, 'action-month-count');
}

import { addRecord, isKeyName, KEY_SUFFIX, keyName, type Tally } from '@pv/shared/cell-key';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryAll, tableName, type TransactItem } from '../platform/dynamodb.ts';
import { representationKeys as keys } from './representation.keys.ts';

/** What one member contributes to the counters: nothing unless active. */
export interface CountState {
  active: boolean;
  answered: boolean;
  groups: string[];
}

export const notCounted: CountState = { active: false, answered: false, groups: [] };

/** The counters (MEMBERS, ANSWERED, GROUP#g) a member is counted in: none unless active. */
export const contributions = (s: CountState): string[] =>
  s.active ? ['MEMBERS', ...(s.answered ? ['ANSWERED'] : []), ...s.groups.map((g) => `GROUP#${g}`)] : [];

/**
 * The counter changes that turn `before` into `after`: "what" (MEMBERS, ANSWERED, GROUP#g) → ±1, and
 * beside it `keyName(what)` → ± the member's record key. The keys are what was counted before (0 for a
 * member counted before record keys existed) and what is counted from now on, so a member given a key
 * at this change moves the key sums of the cells they stay in, and nothing else.
 */
export function countDelta(before: CountState, after: CountState, recordKeys: { before: number; after: number }): Map<string, number> {
  const delta = new Map<string, number>();
  addRecord(delta, contributions(before), recordKeys.before, -1);
  addRecord(delta, contributions(after), recordKeys.after, 1);
  for (const [name, by] of delta) if (by === 0) delta.delete(name);
  return delta;
}

/** The cells a delta moves, each with its count and key-sum changes. */
function cellsOf(delta: Map<string, number>): Map<string, Tally> {
  const cells = new Map<string, Tally>();
  for (const [name, by] of delta) {
    const cell = isKeyName(name) ? name.slice(0, -KEY_SUFFIX.length) : name;
    const t = cells.get(cell) ?? { n: 0, k: 0 };
    cells.set(cell, isKeyName(name) ? { ...t, k: t.k + by } : { ...t, n: t.n + by });
  }
  return cells;
}

/** ADD updates (count `n` and key sum `k` together) for one panel and for the whole tenant, for the same transaction as the change. */
export function counterUpdates(tenantId: string, panelId: string, delta: Map<string, number>): TransactItem[] {
  const items: TransactItem[] = [];
  for (const [what, by] of cellsOf(delta)) {
    for (const scope of [keys.panelScope(panelId), keys.allScope]) {
      items.push({
        Update: {
          TableName: tableName(),
          Key: keys.counter(tenantId, scope, what),
          UpdateExpression: 'ADD #n :n, #k :k SET #type = :type',
          ExpressionAttributeNames: { '#n': 'n', '#k': 'k', '#type': 'type' },
          ExpressionAttributeValues: { ':n': by.n, ':k': by.k, ':type': 'counter' },
        },
      });
    }
  }
  return items;
}

/** Month counters keep the attendance key sum under this name, beside `attended`. */
const ATTENDED_KEYS = keyName('attended');

/**
 * Moves a panel's month counter: `attended` by attendances (one invitation marked as came, ±1, with
 * its record key), `meetings` by meetings whose attendance was recorded for the first time.
 */
export function monthUpdate(tenantId: string, panelId: string, month: string, change: { attended?: Tally; meetings?: number }): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.month(tenantId, panelId, month),
      UpdateExpression: 'ADD attended :a, #ak :ak, meetings :m SET #type = :type',
      ExpressionAttributeNames: { '#ak': ATTENDED_KEYS, '#type': 'type' },
      ExpressionAttributeValues: { ':a': change.attended?.n ?? 0, ':ak': change.attended?.k ?? 0, ':m': change.meetings ?? 0, ':type': 'counter' },
    },
  };
}

/** A month counter item as the recount job writes it. */
export function monthItem(tenantId: string, panelId: string, month: string, attended: Tally, meetings: number): Record<string, unknown> {
  return { ...keys.month(tenantId, panelId, month), type: 'counter', attended: attended.n, [ATTENDED_KEYS]: attended.k, meetings };
}

/** A representation counter item as the recount job writes it. */
export function counterItem(tenantId: string, sk: string, t: Tally): Record<string, unknown> {
  return { PK: keys.partition(tenantId), SK: sk, type: 'counter', n: t.n, k: t.k };
}

/** The SK of every counter a tenant has, month counters included (for the recount job). */
export async function listCounterSks(tenantId: string): Promise<string[]> {
  const items = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.partition(tenantId) }, ProjectionExpression: 'SK' });
  return items.map((item) => String(item.SK));
}

/** Writes the recount job's items (counters, month counters, members' COUNTED items), 25 to a BatchWriteItem. */
export async function putRebuilt(items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

export interface MonthCounter {
  /** Attendances (invitations marked as came) and their key sum: a count about people. */
  attended: Tally;
  /** Meetings with attendance recorded: not about people. */
  meetings: number;
}

export interface CounterSet {
  /** scope ("ALL" or "PANEL#p") → what ("MEMBERS", "ANSWERED", "GROUP#g") → count and key sum */
  counts: Map<string, Map<string, Tally>>;
  /** panel id → month → attendance and meetings */
  months: Map<string, Map<string, MonthCounter>>;
  /** Items read, for the benchmark. */
  itemsRead: number;
}

/** Every counter of a tenant in one paged Query: the partition grows with panels × groups, not with members. */
export async function readCounters(tenantId: string): Promise<CounterSet> {
  const counts = new Map<string, Map<string, Tally>>();
  const months = new Map<string, Map<string, MonthCounter>>();
  const items = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.partition(tenantId) } });
  for (const item of items) {
    const sk = String(item.SK);
    const month = keys.monthOfSk(sk);
    if (month) {
      const byMonth = months.get(month.panelId) ?? new Map<string, MonthCounter>();
      byMonth.set(month.month, { attended: { n: Number(item.attended ?? 0), k: Number(item[ATTENDED_KEYS] ?? 0) }, meetings: Number(item.meetings ?? 0) });
      months.set(month.panelId, byMonth);
      continue;
    }
    const m = /^(ALL|PANEL#[^#]+)#(.+)$/.exec(sk);
    if (!m) continue;
    const scope = counts.get(m[1]!) ?? new Map<string, Tally>();
    scope.set(m[2]!, { n: Number(item.n ?? 0), k: Number(item.k ?? 0) });
    counts.set(m[1]!, scope);
  }
  const itemsRead = items.length;
  return { counts, months, itemsRead };
}

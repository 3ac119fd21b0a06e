import { queryAll, tableName, type TransactItem } from '../platform/dynamodb.ts';
import { representationKeys as keys } from './representation.keys.ts';

/** What one member contributes to the counters: nothing unless active. */
export interface CountState {
  active: boolean;
  answered: boolean;
  groups: string[];
}

export const notCounted: CountState = { active: false, answered: false, groups: [] };

/** The counter changes that turn `before` into `after`, as "what" → +1/-1 (MEMBERS, ANSWERED, GROUP#g). */
export function countDelta(before: CountState, after: CountState): Map<string, number> {
  const delta = new Map<string, number>();
  const add = (what: string, by: number) => delta.set(what, (delta.get(what) ?? 0) + by);
  const contributions = (s: CountState): string[] =>
    s.active ? ['MEMBERS', ...(s.answered ? ['ANSWERED'] : []), ...s.groups.map((g) => `GROUP#${g}`)] : [];
  for (const what of contributions(before)) add(what, -1);
  for (const what of contributions(after)) add(what, 1);
  for (const [what, by] of delta) if (by === 0) delta.delete(what);
  return delta;
}

/** ADD updates for one panel and for the whole tenant, for the same transaction as the change. */
export function counterUpdates(tenantId: string, panelId: string, delta: Map<string, number>): TransactItem[] {
  const items: TransactItem[] = [];
  for (const [what, by] of delta) {
    for (const scope of [keys.panelScope(panelId), keys.allScope]) {
      items.push({
        Update: {
          TableName: tableName(),
          Key: keys.counter(tenantId, scope, what),
          UpdateExpression: 'ADD #n :by SET #type = :type',
          ExpressionAttributeNames: { '#n': 'n', '#type': 'type' },
          ExpressionAttributeValues: { ':by': by, ':type': 'counter' },
        },
      });
    }
  }
  return items;
}

export function monthUpdate(tenantId: string, panelId: string, month: string, attended: number, meetings: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.month(tenantId, panelId, month),
      UpdateExpression: 'ADD attended :a, meetings :m SET #type = :type',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':a': attended, ':m': meetings, ':type': 'counter' },
    },
  };
}

export interface CounterSet {
  /** scope ("ALL" or "PANEL#p") → what ("MEMBERS", "ANSWERED", "GROUP#g") → count */
  counts: Map<string, Map<string, number>>;
  /** panel id → month → { attended, meetings } */
  months: Map<string, Map<string, { attended: number; meetings: number }>>;
  /** Items read, for the benchmark. */
  itemsRead: number;
}

/** Every counter of a tenant in one paged Query: the partition grows with panels × groups, not with members. */
export async function readCounters(tenantId: string): Promise<CounterSet> {
  const counts = new Map<string, Map<string, number>>();
  const months = new Map<string, Map<string, { attended: number; meetings: number }>>();
  const items = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.partition(tenantId) } });
  for (const item of items) {
    const sk = String(item.SK);
    const month = /^PANEL#([^#]+)#MONTH#(.+)$/.exec(sk);
    if (month) {
      const byMonth = months.get(month[1]!) ?? new Map();
      byMonth.set(month[2]!, { attended: Number(item.attended ?? 0), meetings: Number(item.meetings ?? 0) });
      months.set(month[1]!, byMonth);
      continue;
    }
    const m = /^(ALL|PANEL#[^#]+)#(.+)$/.exec(sk);
    if (!m) continue;
    const scope = counts.get(m[1]!) ?? new Map<string, number>();
    scope.set(m[2]!, Number(item.n ?? 0));
    counts.set(m[1]!, scope);
  }
  const itemsRead = items.length;
  return { counts, months, itemsRead };
}

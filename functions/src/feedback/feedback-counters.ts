import { addRecord } from '@pv/shared/cell-key';
import { countedStatuses, type Feedback } from '@pv/shared/feedback.schema';

/**
 * What one Feedback item adds to the counters, as a list of cells. The counters are kept at write
 * time (every change to a comment's tags, status or theme moves its cells in the same transaction)
 * so that the triage tabs, the public log and the partnership's dashboards read a handful of items,
 * never the feedback itself; `recount.service.ts` rebuilds them from the items to prove it.
 *
 * Cells of the tenant counters (per month and for all time):
 * - `st:<status>` for every comment, and `st:untagged` for a new one without a priority;
 * - for counted comments (new or reviewed): `<p>|<l>|<g>` for every combination of priority (`p:id`
 *   or `*`), place (`n:network`, `h:hub` or `*`) and group (`g:id` or `*`) — so `*|*|*` is the total
 *   and `p:mental-health|n:mansfield|g:dads` one cell of the heatmap; `ch:<channel>`,
 *   `src:<survey|conversation>` and `x:<cross-cutting theme>`.
 *
 * Cells of a theme's own counts (counted comments in it): `*`, `p:`, `n:`, `h:`, `g:`, the month it
 * came in (`m:yyyy-mm`, for a period's themes, growth and time to an action), the month and network
 * (`m:yyyy-mm|n:y`, a network's themes for a period) and each priority × network pair (`p:x|n:y`, the
 * themes behind a heatmap cell). Months, not days: a theme's item stays
 * the same size whether it holds 50 comments or 50,000.
 *
 * Every cell keeps, beside its count, the sum of its comments' record keys (`<cell>~k`, see
 * `shared/src/cell-key.ts`): what the cell key method needs to change a published count the same way
 * for the same comments wherever it is shown.
 */

export type Counted = Pick<Feedback, 'status' | 'priorityIds' | 'crossCuttingIds' | 'hubIds' | 'networkId' | 'groups' | 'channel' | 'source' | 'receivedOn' | 'recordKey'>;

export const SHARDS = 4;

export function isCounted(f: Pick<Feedback, 'status'>): boolean {
  return countedStatuses.includes(f.status);
}

export function tenantCells(f: Counted): string[] {
  const cells = [`st:${f.status}`];
  if (f.status === 'new' && f.priorityIds.length === 0) cells.push('st:untagged');
  if (!isCounted(f)) return cells;
  const ps = ['*', ...new Set(f.priorityIds.map((p) => `p:${p}`))];
  const ls = ['*', ...(f.networkId ? [`n:${f.networkId}`] : []), ...new Set(f.hubIds.map((h) => `h:${h}`))];
  const gs = ['*', ...new Set(f.groups.map((g) => `g:${g}`))];
  for (const p of ps) for (const l of ls) for (const g of gs) cells.push(`${p}|${l}|${g}`);
  cells.push(`ch:${f.channel}`, `src:${f.source.kind}`, ...new Set(f.crossCuttingIds.map((x) => `x:${x}`)));
  return cells;
}

export function themeCells(f: Counted): string[] {
  if (!isCounted(f)) return [];
  return [
    '*',
    ...new Set(f.priorityIds.map((p) => `p:${p}`)),
    ...(f.networkId ? [`n:${f.networkId}`] : []),
    ...new Set(f.hubIds.map((h) => `h:${h}`)),
    ...new Set(f.groups.map((g) => `g:${g}`)),
    `m:${periodOf(f.receivedOn)}`,
    ...(f.networkId ? [`m:${periodOf(f.receivedOn)}|n:${f.networkId}`] : []),
    ...(f.networkId ? [...new Set(f.priorityIds)].map((p) => `p:${p}|n:${f.networkId}`) : []),
  ];
}

/** The month a comment is counted in. */
export const periodOf = (receivedOn: string) => receivedOn.slice(0, 7);

/** Adds `sign` × one comment to each cell (its count and its record key) into `into` (zeros are dropped when the deltas are written). */
export function addCells(into: Map<string, number>, cells: string[], sign: 1 | -1, f: Pick<Counted, 'recordKey'>): void {
  addRecord(into, cells, f.recordKey ?? 0, sign);
}

/** Sums counter items (shards) into one map of cell → count (and `<cell>~k` → key sum). */
export function sumShards(items: Record<string, unknown>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    for (const [k, v] of Object.entries(item)) {
      if (k === 'PK' || k === 'SK' || k === 'type' || k === 'tenantId' || typeof v !== 'number') continue;
      out.set(k, (out.get(k) ?? 0) + v);
    }
  }
  return out;
}

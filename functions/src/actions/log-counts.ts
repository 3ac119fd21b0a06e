import type { TenantConfig } from '@pv/shared/config.schema';
import { suppressRow } from '@pv/shared/suppress-small-numbers';

/**
 * "N things you told us" for a view of the public log, from the feedback counters, with small numbers
 * suppressed — also when the number could be worked out from others shown elsewhere: a hub's count
 * with its network's count and its sibling hubs' counts, or a network's with the total and the other
 * networks'. So a hub's count is shown only if it would survive suppression of its whole row of
 * siblings (with the remainder as one more cell).
 */
export function feedbackCount(
  counters: Map<string, number>,
  config: Pick<TenantConfig, 'hub' | 'hubNetwork'> & { tenant: { suppressionThreshold: number } },
  filter: { priority?: string; network?: string; hub?: string; group?: string },
): number | null {
  const threshold = config.tenant.suppressionThreshold;
  const p = filter.priority ? `p:${filter.priority}` : '*';
  const g = filter.group ? `g:${filter.group}` : '*';
  const cell = (place: string) => counters.get(`${p}|${place}|${g}`) ?? 0;
  const hub = filter.hub ? config.hub.find((h) => h.id === filter.hub) : undefined;
  const place = filter.hub ? `h:${filter.hub}` : filter.network ? `n:${filter.network}` : '*';
  const n = cell(place);
  if (n < threshold) return null;
  // The row this number is one cell of: its siblings, and whatever else makes up the parent's total.
  let siblings: string[] = [];
  let parent = '*';
  if (hub) {
    siblings = config.hub.filter((h) => h.networkId === hub.networkId).map((h) => `h:${h.id}`);
    parent = `n:${hub.networkId}`;
  } else if (filter.network) {
    siblings = config.hubNetwork.map((x) => `n:${x.id}`);
  } else {
    return n;
  }
  const cells = siblings.map(cell);
  const remainder = cell(parent) - cells.reduce((s, c) => s + c, 0);
  // Comments tagged to several hubs make the row more than its parent: then it is not a partition and no sum gives a cell away.
  if (remainder < 0) return n;
  // The remainder is never shown; when it is zero it protects nothing, so it is not counted as a hidden cell.
  const hidden = suppressRow(remainder > 0 ? [...cells, remainder] : cells, threshold);
  return hidden[siblings.indexOf(place)] ? null : n;
}

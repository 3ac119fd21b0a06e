import { perturb, shown, tallyIn } from '@pv/shared/cell-key';

/**
 * "N things you told us" for a view of the public log (everything, a priority, a network or hub, a
 * group, or a combination): the all-time feedback counters' cell, published through the cell key
 * method (`shared/src/cell-key.ts`) — changed a little, the same way for the same comments wherever
 * it is shown, and null ("fewer than 5") under the threshold. Hubs, networks and the whole can be
 * subtracted from each other, but each is changed on its own: the difference is never certain.
 */
export function feedbackCount(
  counters: Map<string, number>,
  threshold: number,
  filter: { priority?: string; network?: string; hub?: string; group?: string },
): number | null {
  const p = filter.priority ? `p:${filter.priority}` : '*';
  const g = filter.group ? `g:${filter.group}` : '*';
  const place = filter.hub ? `h:${filter.hub}` : filter.network ? `n:${filter.network}` : '*';
  return shown(perturb(tallyIn(counters, `${p}|${place}|${g}`)), threshold);
}

import type { ActionStatus, LogCounts, PublicAction } from '@pv/shared/action.schema';
import type { PublicTenant } from '@pv/shared/config.schema';
import { fewerThan } from './protected-numbers.ts';

/**
 * The "you said, we did" log in words families read: the counts sentence, "based on …", names for
 * the ids an action carries. Pure, so the pages, the feed and the exports say the same things.
 */

export const statusColours: Record<ActionStatus, 'grey' | 'yellow' | 'green' | 'blue' | 'red'> = {
  'under-consideration': 'grey',
  planned: 'blue',
  'in-progress': 'yellow',
  done: 'green',
  'not-doing': 'red',
};

export interface LogNames {
  priorities: Map<string, string>;
  networks: Map<string, string>;
  hubs: Map<string, string>;
  groups: Map<string, string>;
}

export function logNames(tenant: PublicTenant): LogNames {
  return {
    priorities: new Map(tenant.priorities.map((p) => [p.id, p.name])),
    networks: new Map(tenant.hubNetworks.map((n) => [n.id, n.name])),
    hubs: new Map(tenant.hubNetworks.flatMap((n) => n.hubs.map((h) => [h.id, h.name] as const))),
    groups: new Map((tenant.groups ?? []).map((g) => [g.id, g.name])),
  };
}

/** The names of the ids that are still in use (a retired priority or hub is left out, not shown as an id). */
export function namesOf(ids: string[], names: Map<string, string>): string[] {
  return ids.flatMap((id) => names.get(id) ?? []);
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "142 things you told us, 31 actions, 18 done"; a suppressed count of comments is "fewer than 5". */
export function countsSentence(counts: LogCounts, threshold: number): string {
  const told = counts.feedback === null ? `${fewerThan(threshold)} things you told us` : plural(counts.feedback, 'thing you told us', 'things you told us');
  return `${told}, ${plural(counts.actions, 'action', 'actions')}, ${counts.done.toLocaleString('en-GB')} done`;
}

/** A group's name inside a sentence: "Dads and partners" → "dads and partners", but "LGBT+ parents" stays. */
export function inSentence(name: string): string {
  return /^\p{Lu}\p{Ll}/u.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name;
}

/**
 * "Based on 12 comments from parents in Mansfield, including dads and partners." Groups are only
 * named with a count: the API leaves out groups under the threshold, and when the total is under
 * it too, nothing but "fewer than 5" is said.
 */
export function basedOnSentence(a: Pick<PublicAction, 'basedOn' | 'networkIds' | 'groups' | 'consultationIds'>, names: LogNames, threshold: number): string {
  if (a.basedOn === null) return `Based on ${fewerThan(threshold)} comments.`;
  if (a.basedOn === 0) return a.consultationIds.length ? 'Based on what families told us in the consultation.' : 'Not linked to particular comments from families.';
  const places = namesOf(a.networkIds, names.networks);
  const groups = namesOf(a.groups, names.groups).map(inSentence);
  return [
    `Based on ${plural(a.basedOn, 'comment', 'comments')} from parents`,
    places.length ? ` in ${listInWords(places)}` : '',
    groups.length ? `, including ${listInWords(groups)}` : '',
    '.',
  ].join('');
}

/** The start of a long text, cut at a word, for the list. */
export function shorten(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

/** A page of the log as the pages show it (the partnership's log and a hub's alike). */
export interface LogView {
  /** What the person chose in the filter (not what the page fixes, like the hub of a hub page). */
  filter: Partial<Record<'priority' | 'network' | 'hub' | 'group' | 'status', string>>;
  filtered: boolean;
  counts: LogCounts;
  actions: PublicAction[];
  next?: string;
  firstPage?: string;
}

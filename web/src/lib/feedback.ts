/**
 * What the feedback pages show about a comment, with every id already turned into a name (the
 * server does that), and the small wording helpers they share. Kept free of zod so the browser
 * bundle stays small.
 */

export interface SuggestionCard {
  priorityId: string;
  name: string;
  /** “anxious”, “lonely” */
  because: string;
}

/** What the last action did: the feedback and theme pages' actions redirect with a message. */
export interface Flash {
  heading: string;
  detail?: string;
  link?: { href: string; text: string };
}

export interface CommentCard {
  id: string;
  version: number;
  text: string;
  status: string;
  statusLabel: string;
  received: string;
  source: string;
  channel: string;
  /** Hubs, then the hub network. */
  places: string[];
  groups: string[];
  priorities: string[];
  crossCutting: string[];
  theme?: { id: string; name: string };
  /** A panel member's named answer or conversation: never who, only that. */
  named: boolean;
  suggestions: SuggestionCard[];
}

/** What the last action did: the feedback and theme pages' actions redirect with a message. */
export interface Flash {
  heading: string;
  detail?: string;
  link?: { href: string; text: string };
}

/** “anxious”, “lonely”: the words that made the matcher suggest a priority. */
export function quoted(words: string[]): string {
  return words.map((w) => `“${w}”`).join(', ');
}

/** A count that may be suppressed: null means under the threshold. */
export function countText(count: number | null, threshold: number): string {
  return count === null ? `fewer than ${threshold}` : count.toLocaleString('en-GB');
}

export function comments(n: number): string {
  return n === 1 ? '1 comment' : `${n.toLocaleString('en-GB')} comments`;
}

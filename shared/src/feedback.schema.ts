import * as z from 'zod';
import type { ConversationChannel } from './consultation.schema.ts';
import type { ResponseChannel } from './survey.schema.ts';
import { optionalText, slug, text, version } from './validation.ts';

/**
 * Feedback (something a parent said, in their words), its triage, and themes (feedback grouped by
 * what it is about). Shared by the API (validation, types) and the web (forms, labels).
 */

/**
 * - new: nobody has looked at it yet (the triage queue shows these first, untagged ones first of all);
 * - reviewed: an officer has tagged it (or decided its tags are right);
 * - not-relevant: kept, but not counted (spam, "no comment", a question for another service);
 * - safeguarding: flagged as a concern; only the tenant's safeguarding contact can read it, and it
 *   is not counted anywhere.
 */
export const feedbackStatuses = ['new', 'reviewed', 'not-relevant', 'safeguarding'] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];
export const feedbackStatusLabels: Record<FeedbackStatus, string> = {
  new: 'New',
  reviewed: 'Reviewed',
  'not-relevant': 'Not relevant',
  safeguarding: 'Safeguarding concern',
};
/** Only these count towards the numbers anyone sees. */
export const countedStatuses: readonly FeedbackStatus[] = ['new', 'reviewed'];

/**
 * What everyone but the safeguarding contact reads where a flagged comment's words were: on the
 * consultation's conversations, in a survey response and its exports (issue 14 §1).
 */
export const WITHHELD = 'Withheld: passed to the safeguarding contact';

export type FeedbackSource =
  | { kind: 'survey'; surveyId: string; questionId: string; responseId: string }
  | { kind: 'conversation'; consultationId: string; conversationId: string; people: number };

/** A Feedback item as the API stores it. `memberId` only for a named answer or a named conversation. */
export interface Feedback {
  id: string;
  text: string;
  source: FeedbackSource;
  channel: ResponseChannel | ConversationChannel;
  /** Day only for anonymous surveys (a time could be matched to access logs). */
  receivedOn: string;
  receivedAt?: string;
  priorityIds: string[];
  /** The partnership's cross-cutting themes (from its strategy), not the officer's themes below. */
  crossCuttingIds: string[];
  hubIds: string[];
  networkId?: string;
  /** Derived by the tenant's group rules, never typed in for a named person. */
  groups: string[];
  status: FeedbackStatus;
  /** The theme an officer put it in (a comment belongs to at most one theme). */
  themeId?: string;
  /** Priorities the matcher suggested and an officer turned down: not suggested again. */
  dismissed?: string[];
  memberId?: string;
  panelId?: string;
  /** Words from it an officer checked and chose for partners to read on the theme's page. */
  quote?: Quote;
  /**
   * The cell key method's random record key (0–255, `shared/src/cell-key.ts`), given when the comment
   * is written: it moves the key sums beside the counts it is in. Never leaves the API.
   */
  recordKey?: number;
  version: number;
}

/**
 * Where a quote is on its way to partners, as for actions: written (or changed) → waiting for a
 * second officer's approval → approved (partners read it). Sent back: not public, with what needs
 * changing. A stored quote without a state was written before approval was needed: it is approved.
 */
export type QuoteState = 'awaiting-approval' | 'approved' | 'returned';

export interface Quote {
  text: string;
  /** Who wrote (or last changed) it. */
  by: string;
  at: string;
  state?: QuoteState;
  approvedBy?: string;
  approvedAt?: string;
  returned?: { by: string; at: string; reason: string };
}

/** Partners may read it: approved by a second person (or stored before that was needed). */
export const quoteApproved = (q: Pick<Quote, 'state'> | undefined): boolean => !!q && (q.state ?? 'approved') === 'approved';

/** A quote waiting for a second officer's approval, for the list officers approve from. */
export interface WaitingQuote {
  feedbackId: string;
  themeId: string;
  text: string;
  by: string;
  at: string;
}

/** What an officer sees in the triage queue: never who said it, only whether it was a named person. */
export interface FeedbackView extends Omit<Feedback, 'memberId' | 'panelId' | 'recordKey'> {
  named: boolean;
  suggestions: Suggestion[];
}

export interface Suggestion {
  priorityId: string;
  /** The words and phrases in the text that matched the priority's list: why it is suggested. */
  because: string[];
}

export interface TriageCounts {
  /** New and without a priority. */
  untagged: number;
  new: number;
  reviewed: number;
  'not-relevant': number;
}

const ids = z.array(slug).max(30).default([]);

export const triageFilter = z.object({
  status: z.enum(['untagged', 'new', 'reviewed', 'not-relevant'], { error: 'Choose what to show' }).default('new'),
  priority: slug.optional(),
  network: slug.optional(),
  group: slug.optional(),
  theme: z.string().regex(/^[a-z0-9-]{1,80}$/).optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TriageFilter = z.output<typeof triageFilter>;

/** The whole set of tags an officer gives one comment (what the form shows ticked). */
export const tagInput = z.object({
  version,
  priorityIds: ids,
  crossCuttingIds: ids,
  /** Suggestions the officer turned down. */
  dismissed: ids,
});
export type TagInput = z.output<typeof tagInput>;

export const statusInput = z.object({
  version,
  status: z.enum(['new', 'reviewed', 'not-relevant'], { error: 'Choose a status' }),
});

/**
 * A quote for partners: the parent's own words (all of the comment, or parts of it joined by "…"),
 * with nothing that identifies anyone. An empty text takes the quote away.
 */
export const quoteInput = z.object({
  version,
  text: z
    .string()
    .max(600, { error: 'The quote must be 600 characters or fewer' })
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .default(''),
});

/** Does the quote use only the comment's own words (parts may be left out, marked with "…")? */
export function isQuoteOf(quote: string, comment: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
  const whole = norm(comment);
  const parts = norm(quote)
    .split(/\s*(?:…|\.\.\.)\s*/)
    .map((p) => p.replace(/^["']|["']$/g, '').trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every((p) => whole.includes(p));
}

export const safeguardingInput = z.object({
  version,
  reason: text('Say briefly why this is a concern', 'Why this is a concern', { max: 500 }),
});

export const eraseFeedbackInput = z.object({
  version,
  reason: text('Say why this comment is being removed', 'Why it is being removed', { max: 300 }),
});

export const bulkActions = ['add-priority', 'remove-priority', 'reviewed', 'not-relevant', 'add-to-theme', 'remove-from-theme'] as const;
export type BulkAction = (typeof bulkActions)[number];

export const bulkInput = z
  .object({
    ids: z.array(z.string().regex(/^[A-Za-z0-9]{10,40}$/)).min(1, { error: 'Choose at least one comment' }).max(100, { error: 'Choose at most 100 comments at a time' }),
    action: z.enum(bulkActions, { error: 'Choose what to do' }),
    priorityId: slug.optional(),
    themeId: z.string().regex(/^[a-z0-9-]{1,80}$/).optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.action === 'add-priority' || b.action === 'remove-priority') && !b.priorityId) ctx.addIssue({ code: 'custom', path: ['priorityId'], message: 'Choose a priority' });
    if (b.action === 'add-to-theme' && !b.themeId) ctx.addIssue({ code: 'custom', path: ['themeId'], message: 'Choose a theme' });
  });
export type BulkInput = z.output<typeof bulkInput>;

export interface BulkResult {
  changed: number;
  unchanged: number;
  /** Comments someone else changed meanwhile, or that are no longer in the queue. */
  skipped: number;
}

// ---------------------------------------------------------------------------------------------
// Themes

export const themeInput = z.object({
  name: text('Enter a name for the theme', 'Name', { min: 3, max: 120 }),
  description: optionalText('Description', 600),
});
export type ThemeInput = z.output<typeof themeInput>;
export const themeUpdateInput = themeInput.extend({ version });

export const splitInput = themeInput.extend({
  ids: z.array(z.string().regex(/^[A-Za-z0-9]{10,40}$/)).min(1, { error: 'Choose the comments to move to the new theme' }).max(100),
});
export const mergeInput = z.object({ intoThemeId: z.string({ error: 'Choose the theme to merge into' }).regex(/^[a-z0-9-]{1,80}$/, { error: 'Choose the theme to merge into' }), version });

export interface Theme extends ThemeInput {
  id: string;
  /** Counts of the counted comments in it: `*`, `p:<priority>`, `n:<network>`, `h:<hub>`, `g:<group>`. */
  counts: Record<string, number>;
  /** Actions that came from this theme. */
  actionIds: string[];
  /** The day the first of them was published (`yyyy-mm-dd`): how long the theme waited for an answer. */
  firstActionOn?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

/** A theme's size and spread as an officer sees it: a count under the threshold is `null` ("fewer than N"). */
export interface ThemeSummary {
  id: string;
  name: string;
  description: string;
  size: number | null;
  priorities: { id: string; name: string; count: number | null }[];
  networks: { id: string; name: string; count: number | null }[];
  hubs: { id: string; name: string; count: number | null }[];
  groups: { id: string; name: string; count: number | null }[];
  actionIds: string[];
  version: number;
  threshold: number;
}

import * as z from 'zod';
import { isRealDate } from './survey.schema.ts';
import { optionalText, slug, text, version } from './validation.ts';

/**
 * "You said, we did" actions: what parents told us (a theme in plain words), what the partnership
 * did or will do about it (or honestly why not), its status and a dated timeline. An officer drafts,
 * a second person approves, and only then does it appear on the public log. Shared by the API and
 * the web.
 */

export const actionStatuses = ['under-consideration', 'planned', 'in-progress', 'done', 'not-doing'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const actionStatusLabels: Record<ActionStatus, string> = {
  'under-consideration': 'Under consideration',
  planned: 'Planned',
  'in-progress': 'In progress',
  done: 'Done',
  'not-doing': 'Not doing',
};

/**
 * - draft: being written (or changed since it was published: the public still sees the approved version);
 * - awaiting-approval: sent to a second officer or an admin;
 * - approved: what the public sees is this version.
 */
export const actionStates = ['draft', 'awaiting-approval', 'approved'] as const;
export type ActionState = (typeof actionStates)[number];

const optionalDate = (what: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim())
    .refine((s) => s === '' || isRealDate(s), { error: `The ${what} must be a real date, like 2027-03-31` });

const themeIds = z.array(z.string().regex(/^[a-z0-9-]{1,80}$/, { error: 'Choose themes from the list' })).max(20).default([]);

const actionFields = z.object({
  youSaid: text('Say what parents told you, in plain words', 'You said', { min: 10, max: 1000 }),
  weDid: text('Say what you did or will do, or why not', 'We did', { min: 10, max: 2000 }),
  status: z.enum(actionStatuses, { error: 'Choose a status' }),
  notDoingReason: optionalText('Why not', 1000),
  owner: text('Say which team or organisation owns this', 'Owner', { min: 2, max: 120 }),
  targetOn: optionalDate('target date'),
  doneOn: optionalDate('date it was done'),
  themeIds,
  consultationIds: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, { error: 'Choose consultations from the list' })).max(10).default([]),
  /** Extra priorities beyond those of the themes (for an action that answers a consultation as a whole). */
  priorityIds: z.array(slug).max(20).default([]),
  /** What this change is, for the public timeline ("The new leaflet is in every hub"). */
  update: optionalText('What changed', 600),
});

function consistent(a: z.output<typeof actionFields>, ctx: z.RefinementCtx) {
  if (a.status === 'not-doing' && !a.notDoingReason) ctx.addIssue({ code: 'custom', path: ['notDoingReason'], message: 'Say why you are not doing this' });
  if (a.status === 'done' && !a.doneOn) ctx.addIssue({ code: 'custom', path: ['doneOn'], message: 'Enter the date it was done' });
  if (a.themeIds.length === 0 && a.consultationIds.length === 0) ctx.addIssue({ code: 'custom', path: ['themeIds'], message: 'Choose at least one theme or consultation this action answers' });
}

export const actionInput = actionFields.superRefine(consistent);
export type ActionInput = z.output<typeof actionInput>;
export const actionUpdateInput = actionFields.extend({ version }).superRefine(consistent);

/** Sending for approval: every personal-data finding must be fixed or confirmed. */
export const submitInput = z.object({ version, confirmed: z.array(z.string().max(300)).max(50).default([]) });
export const approveInput = z.object({ version });
export const returnInput = z.object({ version, reason: text('Say what needs changing', 'What needs changing', { max: 600 }) });

export interface TimelineEntry {
  on: string;
  status: ActionStatus;
  /** Public words: checked for personal data like the rest. */
  note: string;
}

/** What the public log shows: only approved words, counts suppressed under the threshold. */
export interface PublicAction {
  id: string;
  youSaid: string;
  weDid: string;
  status: ActionStatus;
  notDoingReason: string;
  owner: string;
  targetOn: string;
  doneOn: string;
  timeline: TimelineEntry[];
  priorityIds: string[];
  networkIds: string[];
  hubIds: string[];
  /** Groups with at least the threshold of comments behind this action (smaller ones are never named). */
  groups: string[];
  /** How many comments it is based on; null when fewer than the threshold. */
  /** Comments in its themes: null under the threshold; 0 when it has no themes (a consultation's own answer). */
  basedOn: number | null;
  consultationIds: string[];
  publishedOn: string;
  updatedOn: string;
}

export interface Action extends Omit<ActionInput, 'update'> {
  id: string;
  state: ActionState;
  /** Words for the next public timeline entry (cleared once approved). */
  update: string;
  draftedBy: string;
  submittedBy?: string;
  /** The personal-data findings the officer confirmed are fine (by key). */
  confirmed: string[];
  returned?: { by: string; at: string; reason: string };
  approvedBy?: string;
  /** The approved version the public sees (absent until first approved). */
  published?: PublicAction;
  /** When it was first published: the public log's order. */
  publishedAt?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const logFilter = z.object({
  priority: slug.optional().or(z.literal('').transform(() => undefined)),
  network: slug.optional().or(z.literal('').transform(() => undefined)),
  hub: slug.optional().or(z.literal('').transform(() => undefined)),
  group: slug.optional().or(z.literal('').transform(() => undefined)),
  status: z.enum(actionStatuses).optional().or(z.literal('').transform(() => undefined)),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type LogFilter = z.output<typeof logFilter>;

export interface LogCounts {
  /** Comments counted for the same priority, place and group (status does not apply); null when suppressed. */
  feedback: number | null;
  actions: number;
  done: number;
}

export interface LogPage {
  items: PublicAction[];
  next?: string;
  counts: LogCounts;
}

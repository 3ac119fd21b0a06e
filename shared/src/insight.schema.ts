import * as z from 'zod';
import type { ActionStatus } from './action.schema.ts';
import { slug } from './validation.ts';

/**
 * Partnership insight: what families are saying by priority, hub and group, whose voice is missing,
 * and how well the partnership closes the loop. Aggregates only, from counters kept at write time;
 * every count about people is changed a little by the cell key method, and shown as "fewer than 5"
 * when the changed count is under the tenant's threshold.
 *
 * Periods are whole months: the financial year (April to March), one of its quarters, the last 12
 * months, or any run of months up to three years.
 */

export const periodKinds = ['last-12-months', 'year', 'quarter', 'custom'] as const;
export type PeriodKind = (typeof periodKinds)[number];

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Enter a month like 2026-04' });

export const insightQuery = z
  .object({
    period: z.enum(periodKinds, { error: 'Choose a period' }).default('last-12-months'),
    /** Financial year by its first year: 2026 is April 2026 to March 2027. */
    year: z.coerce.number({ error: 'Choose a year' }).int().min(2000, { error: 'Choose a year from 2000' }).max(2100, { error: 'Choose a year before 2100' }).optional(),
    /** Quarter of the financial year: Q1 is April to June. */
    quarter: z.coerce.number({ error: 'Choose a quarter' }).int().min(1, { error: 'Choose a quarter from 1 to 4' }).max(4, { error: 'Choose a quarter from 1 to 4' }).optional(),
    from: month.optional(),
    to: month.optional(),
    network: slug.optional(),
    priority: slug.optional(),
    group: slug.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.period === 'custom') {
      if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Enter the first month' });
      if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Enter the last month' });
      if (q.from && q.to) {
        if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last month must be the same as or after the first month' });
        else if (monthsBetween(q.from, q.to).length > 36) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Choose a period of 36 months or fewer' });
      }
    }
  });
export type InsightQuery = z.output<typeof insightQuery>;

/** Every month from `from` to `to`, both included (`yyyy-mm`). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while ((y < ty || (y === ty && m <= tm)) && out.length < 1000) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export function monthLabel(m: string, short = false): string {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  const name = monthNames[mm - 1]!;
  return `${short ? name.slice(0, 3) : name} ${y}`;
}

/** The financial year (by its first year) a day or month falls in. */
export function financialYearOf(yyyyMm: string): number {
  const [y, m] = yyyyMm.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

export interface Period {
  kind: PeriodKind;
  /** `yyyy-mm`, first and last month included. */
  from: string;
  to: string;
  months: string[];
  /** "April 2026 to March 2027" */
  label: string;
  /** The period just before, of the same length (for growth). */
  previous: { from: string; to: string; months: string[]; label: string };
}

/** Resolves a query's period against today (`yyyy-mm-dd`). */
export function resolvePeriod(q: Pick<InsightQuery, 'period' | 'year' | 'quarter' | 'from' | 'to'>, today: string): Period {
  const thisMonth = today.slice(0, 7);
  let from: string;
  let to: string;
  if (q.period === 'custom' && q.from && q.to) {
    from = q.from;
    to = q.to;
  } else if (q.period === 'year' || q.period === 'quarter') {
    const fy = q.year ?? financialYearOf(thisMonth);
    if (q.period === 'year') {
      from = `${fy}-04`;
      to = `${fy + 1}-03`;
    } else {
      const quarter = q.quarter ?? (((Number(thisMonth.slice(5)) + 8) % 12) / 3 | 0) + 1;
      const first = 4 + (quarter - 1) * 3; // 4, 7, 10, 13
      const y = first > 12 ? fy + 1 : fy;
      const fm = first > 12 ? first - 12 : first;
      from = `${y}-${String(fm).padStart(2, '0')}`;
      to = shiftMonth(from, 2);
    }
  } else {
    to = thisMonth;
    from = shiftMonth(thisMonth, -11);
  }
  const months = monthsBetween(from, to);
  const prevTo = shiftMonth(from, -1);
  const prevFrom = shiftMonth(from, -months.length);
  return {
    kind: q.period,
    from,
    to,
    months,
    label: rangeLabel(from, to),
    previous: { from: prevFrom, to: prevTo, months: monthsBetween(prevFrom, prevTo), label: rangeLabel(prevFrom, prevTo) },
  };
}

export function shiftMonth(m: string, by: number): string {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  const i = y * 12 + (mm - 1) + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

function rangeLabel(from: string, to: string): string {
  return from === to ? monthLabel(from) : `${monthLabel(from)} to ${monthLabel(to)}`;
}

/**
 * A count about people on a partner view, protected by the cell key method (`shared/src/cell-key.ts`):
 * slightly changed, the same way for the same people wherever it is shown. `count` is null when the
 * changed count is under the threshold ("fewer than 5"). Nothing says why a number is missing or how
 * it was changed: there is one rule, and the page "How we protect these numbers" explains it.
 */
export interface InsightCell {
  count: number | null;
  /** Percent (one decimal) of whatever the view says it is a share of, from the changed counts; null when either is under the threshold. */
  sharePercent?: number | null;
}

export interface InsightMeta {
  period: Period;
  threshold: number;
  /** When the numbers were read. */
  readAt: string;
}

export interface InsightOverview extends InsightMeta {
  feedback: InsightCell;
  byChannel: { channel: string; label: string; cell: InsightCell }[];
  bySource: { source: 'survey' | 'conversation'; label: string; cell: InsightCell }[];
  /** Consultations that opened in the period (not about people: exact). */
  consultationsOpened: number;
  actionsPublished: number;
  actionsDone: number;
  loop: LoopClosure;
}

export interface LoopClosure {
  /** Themes holding feedback from the period. */
  themes: number;
  /** Of those, the ones with at least one published action. */
  answered: number;
  /** answered / themes, percent; null with no themes. */
  ratePercent: number | null;
  /**
   * Median days from a comment being received to the first published action on its theme, over the
   * period's comments in answered themes (counted from the middle of the month each came in).
   */
  medianDays: number | null;
}

export interface HeatmapColumn {
  id: string;
  name: string;
  total: InsightCell;
}

export interface HeatmapRow {
  priorityId: string;
  name: string;
  total: InsightCell;
  /** One per column, in the columns' order; sharePercent is of the column's total. */
  cells: (InsightCell & { level: 0 | 1 | 2 | 3 | 4 })[];
}

export interface InsightHeatmap extends InsightMeta {
  /** Hub networks, or the hubs of one network. */
  scope: { kind: 'networks' } | { kind: 'hubs'; networkId: string; networkName: string };
  group?: { id: string; name: string };
  columns: HeatmapColumn[];
  rows: HeatmapRow[];
  total: InsightCell;
}

export interface VoiceShare {
  feedback: InsightCell;
  /** Panel members in the group (now, not for the period: members are counted as they are). */
  members?: InsightCell;
  baselinePercent?: number;
  baselineSource?: string;
  illustrative?: boolean;
}

export interface VoiceGroup extends VoiceShare {
  groupId: string;
  name: string;
  byPriority: ({ priorityId: string; name: string } & VoiceShare)[];
  byNetwork: ({ networkId: string; name: string } & VoiceShare)[];
}

export interface VoiceGap {
  groupId: string;
  /** "Dads and partners gave 4% of feedback on parents' mental health; they are about 45% of parents." */
  text: string;
  gapPoints: number;
}

export interface InsightVoice extends InsightMeta {
  feedback: InsightCell;
  /** Panel members now, as the representation view publishes them (the cell key method); null for fewer than the threshold. */
  members: number | null;
  groups: VoiceGroup[];
  gaps: VoiceGap[];
}

export interface InsightTheme {
  id: string;
  name: string;
  description: string;
  /** Comments in the period, and in the period before (for growth). */
  size: InsightCell;
  previous: InsightCell;
  /** Change against the period before, percent; null when either is under the threshold or the earlier one is 0. */
  growthPercent: number | null;
  allTime: InsightCell;
  priorities: { id: string; name: string }[];
  networks: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  /** The latest published action's status, if any. */
  actionStatus: ActionStatus | null;
}

export interface InsightThemes extends InsightMeta {
  /** Filtered by a hub network: every count is of that network's comments only. */
  network?: { id: string; name: string };
  themes: InsightTheme[];
}

export interface InsightThemeDetail extends InsightMeta {
  theme: InsightTheme;
  /** byPriority, byNetwork, byHub and byGroup count the theme's comments over all time (byMonth follows the period). */
  breakdowns: 'all-time';
  byPriority: { id: string; name: string; cell: InsightCell }[];
  byNetwork: { id: string; name: string; cell: InsightCell }[];
  byHub: { id: string; name: string; cell: InsightCell }[];
  byGroup: { id: string; name: string; cell: InsightCell }[];
  byMonth: { month: string; label: string; cell: InsightCell }[];
  actions: { id: string; youSaid: string; weDid: string; status: ActionStatus; publishedOn: string }[];
  quotes: { id: string; text: string; receivedOn: string }[];
}

export interface TrendPoint {
  month: string;
  label: string;
  feedback: InsightCell;
  loop: { themes: number; answered: number; ratePercent: number | null };
}

export interface InsightTrends extends InsightMeta {
  /** The whole partnership first, then each priority. */
  series: { priorityId: string | null; name: string; total: InsightCell; points: TrendPoint[] }[];
}

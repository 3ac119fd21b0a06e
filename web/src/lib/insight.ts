import type { InsightCell, LoopClosure, PeriodKind } from '@pv/shared/insight.schema';
import { fewerThan } from './protected-numbers.ts';

/**
 * Partnership insight in words partners read: a count (changed a little by the cell key method, and
 * "fewer than 5" under the threshold), a share, a change, the loop closure sentence, and the period as a query string for links. Pure and free of zod (types
 * only), so the pages, the CSV files and the browser bundle say the same things.
 */

/** What the period form holds, as typed (strings, so a wrong value can be shown back). */
export interface PeriodValues {
  period: string;
  year: string;
  quarter: string;
  from: string;
  to: string;
}

/** The filters a view may have, besides its period. */
export type FilterKey = 'network' | 'priority' | 'group';

export type InsightValues = PeriodValues & Partial<Record<FilterKey, string>>;

export const periodChoices: { value: PeriodKind; label: string }[] = [
  { value: 'last-12-months', label: 'The last 12 months' },
  { value: 'year', label: 'A financial year' },
  { value: 'quarter', label: 'A quarter of a financial year' },
  { value: 'custom', label: 'Months you choose' },
];

export const quarterChoices = [
  { value: '1', label: 'Quarter 1: April to June' },
  { value: '2', label: 'Quarter 2: July to September' },
  { value: '3', label: 'Quarter 3: October to December' },
  { value: '4', label: 'Quarter 4: January to March' },
];

/** "April 2025 to March 2026" for the financial year that starts in April 2025. */
export const financialYearLabel = (year: number) => `April ${year} to March ${year + 1}`;

/** A count as words: "1,234", or "fewer than 5" when the changed count is under the threshold. */
export function cellText(cell: InsightCell, threshold: number): string {
  return cell.count === null ? fewerThan(threshold) : cell.count.toLocaleString('en-GB');
}

/** "12.5%", or "" when the share is not known (a count under the threshold, or none asked for). */
export function shareText(cell: InsightCell): string {
  return cell.sharePercent === null || cell.sharePercent === undefined ? '' : `${percent(cell.sharePercent)}%`;
}

/** One decimal at most: 12.5, 40. */
export function percent(n: number): string {
  return (Math.round(n * 10) / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

/** "Up 25%", "Down 10%", "No change", "New" (none before) or "Not known" (a number is under the threshold). */
export function growthText(growthPercent: number | null, previous: InsightCell): string {
  if (growthPercent === null) return previous.count === 0 ? 'New in this period' : 'Not known';
  if (growthPercent === 0) return 'No change';
  return `${growthPercent > 0 ? 'Up' : 'Down'} ${percent(Math.abs(growthPercent))}%`;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "3 of 4 themes with feedback in this period have a published action (75%)." */
export function loopSentence(loop: Pick<LoopClosure, 'themes' | 'answered' | 'ratePercent'>): string {
  if (loop.themes === 0) return 'No themes have feedback from this period yet.';
  const have = loop.answered === 1 ? 'has' : 'have';
  return `${loop.answered.toLocaleString('en-GB')} of ${plural(loop.themes, 'theme', 'themes')} with feedback in this period ${have} a published action (${percent(loop.ratePercent ?? 0)}%).`;
}

export function daysText(days: number | null): string {
  return days === null ? 'Not known yet' : plural(Math.round(days), 'day', 'days');
}

/** The period as a query string's parameters: only what the kind of period needs. */
export function periodParams(v: PeriodValues): [string, string][] {
  switch (v.period) {
    case 'year':
      return [['period', 'year'], ['year', v.year]].filter(([, x]) => x) as [string, string][];
    case 'quarter':
      return [['period', 'quarter'], ['year', v.year], ['quarter', v.quarter]].filter(([, x]) => x) as [string, string][];
    case 'custom':
      return [['period', 'custom'], ['from', v.from], ['to', v.to]].filter(([, x]) => x) as [string, string][];
    default:
      return [];
  }
}

/** "?period=year&year=2025&network=mansfield" for links between the views; "" for the defaults. */
export function insightSearch(values: Partial<InsightValues>, filters: Partial<Record<FilterKey, string | undefined>> = {}): string {
  const p = new URLSearchParams(values.period ? periodParams(values as PeriodValues) : []);
  for (const [key, value] of Object.entries(filters)) if (value) p.set(key, value);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The views of the partner area, in the order of its navigation. */
export const partnerViews = [
  { href: '/partner', text: 'Overview' },
  { href: '/partner/heatmap', text: 'Heatmap' },
  { href: '/partner/voice', text: 'Whose voice' },
  { href: '/partner/themes', text: 'Themes' },
  { href: '/partner/trends', text: 'Trends' },
  { href: '/partner/representation', text: 'Panels' },
] as const;

export { inSentence, listInWords } from './public-log.ts';

/** A chart's text alternative: "Comments each month, April 2025 to March 2026: 120 in all. Most in January 2026 (21), fewest in August 2025 (6). 2 months have fewer than 5." */
export function monthsInWords(points: { label: string; cell: InsightCell }[], total: InsightCell, threshold: number, period: string): string {
  const shown = points.filter((p) => p.cell.count !== null);
  const few = points.length - shown.length;
  const parts = [`Comments each month, ${period}: ${cellText(total, threshold)} in all.`];
  if (shown.length) {
    const most = shown.reduce((a, b) => ((b.cell.count ?? 0) > (a.cell.count ?? 0) ? b : a));
    const fewest = shown.reduce((a, b) => ((b.cell.count ?? 0) < (a.cell.count ?? 0) ? b : a));
    parts.push(`Most in ${most.label} (${cellText(most.cell, threshold)}), fewest in ${fewest.label} (${cellText(fewest.cell, threshold)}).`);
  }
  if (few) parts.push(`${plural(few, 'month has', 'months have')} ${fewerThan(threshold)}.`);
  return parts.join(' ');
}

/**
 * Biggest first, or fastest growing first. A number under the threshold sorts after every shown one
 * (in name order), so the order never says more about it than "fewer than 5".
 */
export function sortThemes<T extends { name: string; size: InsightCell; growthPercent: number | null }>(themes: T[], by: 'size' | 'growth'): T[] {
  const key = (th: T) => (by === 'size' ? th.size.count : th.growthPercent);
  return [...themes].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? a.name.localeCompare(b.name) : ka === null ? 1 : -1;
    return kb - ka || a.name.localeCompare(b.name);
  });
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-11" (or a day in it) → "November 2026". */
export function monthInWords(yyyyMm: string): string {
  const [y, m] = yyyyMm.split('-').map(Number);
  const name = m ? monthNames[m - 1] : undefined;
  return name && y ? `${name} ${y}` : yyyyMm;
}

/**
 * A spread's rows for a short table: the ones with a number shown, then every row under the
 * threshold together on one line ("Arnold, Beeston: fewer than 5 each"), so a list of thirty hubs
 * does not become thirty rows of "fewer than 5".
 */
export function compactRows<R extends { name: string; cell: InsightCell }>(rows: R[]): { shown: R[]; small: string[] } {
  return { shown: rows.filter((r) => r.cell.count !== null), small: rows.filter((r) => r.cell.count === null).map((r) => r.name) };
}

/**
 * Column names without the words they all end with ("Ashfield Family Hub Network", "Bassetlaw
 * Family Hub Network" → "Ashfield", "Bassetlaw"), and those words, so a table of seven networks
 * fits the page; the caption says what the columns are.
 */
export function withoutCommonEnding(names: string[]): { names: string[]; ending: string } {
  if (names.length < 2) return { names, ending: '' };
  const words = names.map((n) => n.split(' '));
  let k = 0;
  while (words.every((w) => w.length > k + 1 && w[w.length - 1 - k]!.toLowerCase() === words[0]![words[0]!.length - 1 - k]!.toLowerCase())) k++;
  if (!k) return { names, ending: '' };
  return { names: words.map((w) => w.slice(0, w.length - k).join(' ')), ending: words[0]!.slice(-k).join(' ') };
}

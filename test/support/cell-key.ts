import { perturb, perturbOverMonths, shown, type Tally } from '@pv/shared/cell-key';
import type { Feedback } from '@pv/shared/feedback.schema';

/**
 * What the cell key method publishes for exactly these comments, worked out from the comments (their
 * months and record keys), not from any counter: over a period's months (canonical blocks), or, with
 * no months, the all-time block. Null under the threshold. Tests compare views with it.
 */
export function publishedFor(comments: Pick<Feedback, 'receivedOn' | 'recordKey'>[], months: readonly string[] | undefined, threshold: number): number | null {
  return shown(publishedValue(comments, months), threshold);
}

/** The same, before the threshold. */
export function publishedValue(comments: Pick<Feedback, 'receivedOn' | 'recordKey'>[], months: readonly string[] | undefined): number {
  const tally = (fs: typeof comments): Tally => ({ n: fs.length, k: fs.reduce((sum, f) => sum + (f.recordKey ?? 0), 0) });
  return months ? perturbOverMonths(months, (m) => tally(comments.filter((f) => f.receivedOn.startsWith(m)))) : perturb(tally(comments));
}

import type { Quote } from '@pv/shared/feedback.schema';
import { dayOf } from '$lib/words';

/**
 * What the officer pages show about a quote on its way to partners: its state as a tag (the same
 * words and colours as an action's) and who wrote and approved it.
 */

/** Where a quote is on its way to partners, as a tag. A quote stored without a state was approved under the old rule. */
export function quoteTag(quote: Pick<Quote, 'state'>): { text: string; colour: 'grey' | 'blue' | 'green' } {
  if ((quote.state ?? 'approved') === 'approved') return { text: 'Approved: partners can read it', colour: 'green' };
  if (quote.state === 'awaiting-approval') return { text: 'Waiting for approval', colour: 'blue' };
  return { text: 'Sent back', colour: 'grey' };
}

export function quotePeople(quote: Quote): { key: string; value: string }[] {
  return [
    { key: 'Written by', value: `${quote.by}, ${dayOf(quote.at)}` },
    ...(quote.approvedBy && quote.approvedAt ? [{ key: 'Approved by', value: `${quote.approvedBy}, ${dayOf(quote.approvedAt)}` }] : []),
  ];
}

import { describe, expect, it } from 'vitest';
import type { Feedback, Quote } from '@pv/shared/feedback.schema';
import type { Caller } from '@pv/shared/auth.schema';
import { changeWrites } from '../../../functions/src/feedback/feedback.repository.ts';
import type { TransactItem } from '../../../functions/src/platform/dynamodb.ts';
import { requireSecondPerson } from '../../../functions/src/platform/second-person.ts';
import { comment } from '../../support/feedback.ts';

// The writes name the table (read from the functions' configuration); nothing here reaches DynamoDB.
process.env.TABLE_NAME ??= 'unit-test';
process.env.COGNITO_ISSUER ??= 'https://cognito-idp.eu-west-2.amazonaws.com/unit-test';
process.env.COGNITO_CLIENT_ID ??= 'unit-test';

/**
 * Issue 14 §6: the partner-readable quote item (`QUOTE#` in the theme) exists only for an approved
 * quote; a waiting one is on the waiting list instead. Each change of a comment's quote, state,
 * theme or status moves exactly these items.
 */
const T = 'tenant';
const at = '2026-12-05T03:00:00.000Z';
const base = comment({ themeId: 'th-a', status: 'reviewed', recordKey: 7 });
const withQuote = (quote: Quote | undefined, over: Partial<Feedback> = {}): Feedback => {
  const { quote: _q, ...rest } = { ...base, ...over };
  return quote ? { ...rest, quote } : rest;
};
const waiting: Quote = { text: 'nobody rang', by: 'a@x.example', at, state: 'awaiting-approval' };
const approved: Quote = { ...waiting, state: 'approved', approvedBy: 'b@x.example', approvedAt: at };
const legacy: Quote = { text: 'nobody rang', by: 'a@x.example', at };
const returned: Quote = { ...waiting, state: 'returned', returned: { by: 'b@x.example', at, reason: 'Shorter' } };

/** The quote items a change writes, as `Put|Delete PK SK`. */
function quoteItems(before: Feedback | undefined, after: Feedback | undefined): string[] {
  return changeWrites(T, [{ before, after }])
    .flatMap((w: TransactItem) => {
      const key = w.Put ? { PK: w.Put.Item!['PK'], SK: w.Put.Item!['SK'] } : w.Delete ? w.Delete.Key : undefined;
      return key && String(key['SK']).startsWith('QUOTE#') ? [`${w.Put ? 'Put' : 'Delete'} ${String(key['PK'])} ${String(key['SK'])}`] : [];
    })
    .sort();
}
const inTheme = (th: string) => `TENANT#${T}#THEME#${th} QUOTE#${base.id}`;
const onWaitingList = `TENANT#${T}#QUOTES-WAITING QUOTE#${base.id}`;

describe('the quote items a comment change writes', () => {
  it.each([
    ['a new quote waits, and partners read nothing', withQuote(undefined), withQuote(waiting), [`Put ${onWaitingList}`]],
    ['approval moves it from the waiting list to the theme', withQuote(waiting), withQuote(approved), [`Delete ${onWaitingList}`, `Put ${inTheme('th-a')}`]],
    ['a change to an approved quote takes it off the theme and waits', withQuote(approved), withQuote({ ...waiting, text: 'nobody rang back' }), [`Delete ${inTheme('th-a')}`, `Put ${onWaitingList}`]],
    ['sending back takes it off the waiting list, and partners still read nothing', withQuote(waiting), withQuote(returned), [`Delete ${onWaitingList}`]],
    ['saving a sent-back quote again waits', withQuote(returned), withQuote({ ...waiting, at: '2026-12-05T04:00:00.000Z' }), [`Put ${onWaitingList}`]],
    ['withdrawing a waiting quote takes it off the list', withQuote(waiting), withQuote(undefined), [`Delete ${onWaitingList}`]],
    ['a waiting quote moves with its comment to another theme', withQuote(waiting), withQuote(waiting, { themeId: 'th-b' }), [`Put ${onWaitingList}`]],
    ['an approved quote moves with its comment to another theme', withQuote(approved), withQuote(approved, { themeId: 'th-b' }), [`Delete ${inTheme('th-a')}`, `Put ${inTheme('th-b')}`]],
    ['a comment marked not relevant takes its approved quote away', withQuote(approved), withQuote(approved, { status: 'not-relevant' }), [`Delete ${inTheme('th-a')}`]],
    ['a comment marked not relevant leaves the waiting list', withQuote(waiting), withQuote(waiting, { status: 'not-relevant' }), [`Delete ${onWaitingList}`]],
    ['a removed comment takes a waiting quote with it', withQuote(waiting), undefined, [`Delete ${onWaitingList}`]],
    ['a quote stored before approval was needed is approved', withQuote(undefined), withQuote(legacy), [`Put ${inTheme('th-a')}`]],
    ['re-tagging a comment with an approved quote writes no quote item', withQuote(approved), withQuote(approved, { priorityIds: ['parents-mental-health'] }), []],
    ['re-tagging a comment with a waiting quote writes no quote item', withQuote(waiting), withQuote(waiting, { priorityIds: ['parents-mental-health'] }), []],
  ] as const)('%s', (_, before, after, expected) => {
    expect(quoteItems(before, after)).toEqual([...expected].sort());
  });
});

describe('a second person approves', () => {
  const caller = (email: string): Caller => ({ sub: 's', email, tenantId: T, roles: ['officer'] });
  it('refuses whoever wrote, changed or sent it, whatever the letter case', () => {
    expect(() => requireSecondPerson(caller('Officer.A@X.example'), ['officer.a@x.example'], 'a quote')).toThrow(/second person must approve a quote/);
    expect(() => requireSecondPerson(caller('b@x.example'), [undefined, 'B@X.EXAMPLE'], 'an action')).toThrow(/second person must approve an action/);
  });
  it('lets anyone else approve', () => {
    expect(() => requireSecondPerson(caller('b@x.example'), ['a@x.example', undefined], 'a quote')).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isKeyName, keyName } from '@pv/shared/cell-key';
import type { Question, SurveyDefinition } from '@pv/shared/survey.schema';
import type { Answers, AnswerValue } from '@pv/shared/survey-answers';
import { demoSurvey } from '../../../functions/src/local/seed/demo-surveys.ts';
import { addInto, counterDeltas, slicesFor, type CountedResponse } from '../../../functions/src/surveys/survey-counters.ts';
import { counterUpdates, UPDATE_EXPRESSION_LIMIT } from '../../../functions/src/surveys/surveys.repository.ts';
import { SHARDS } from '../../../functions/src/surveys/surveys.keys.ts';
import type { TransactItem } from '../../../functions/src/platform/dynamodb.ts';
import { fullestAnswers, largestAllowedDefinition, sixtyQuestionDefinition } from '../../support/survey-definitions.ts';

// The update builders name the table (read from the functions' configuration); nothing here reaches DynamoDB.
process.env.TABLE_NAME ??= 'unit-test';
process.env.COGNITO_ISSUER ??= 'https://cognito-idp.eu-west-2.amazonaws.com/unit-test';
process.env.COGNITO_CLIENT_ID ??= 'unit-test';

const demo = demoSurvey('2027-12-31').definition;

const questionsOf = (d: SurveyDefinition) => d.sections.flatMap((s) => s.questions);

/** Any answer a question could have stored, or none. */
function arbitraryAnswer(q: Question): fc.Arbitrary<AnswerValue | undefined> {
  const none = fc.constant(undefined);
  switch (q.type) {
    case 'single':
      return fc.option(fc.constantFrom(...q.options.map((o) => o.id)), { nil: undefined });
    case 'multiple':
      return fc.oneof(none, fc.subarray([...q.options.map((o) => o.id), ...(q.allowOther ? ['other'] : [])], { minLength: 1 }));
    case 'rating':
      return fc.option(fc.integer({ min: 1, max: q.points }), { nil: undefined });
    case 'yes-no':
      return fc.option(fc.constantFrom('yes', 'no'), { nil: undefined });
    case 'ranking':
      return fc.oneof(none, fc.shuffledSubarray(q.options.map((o) => o.id), { minLength: 1 }));
    case 'number':
      return fc.option(fc.integer({ min: -5, max: 40 }), { nil: undefined });
    case 'equality':
      return none;
    default:
      return fc.option(fc.string({ minLength: 1, maxLength: 5 }), { nil: undefined });
  }
}

function arbitraryResponse(d: SurveyDefinition): fc.Arbitrary<CountedResponse> {
  const answers = fc.record(Object.fromEntries(questionsOf(d).map((q) => [q.id, arbitraryAnswer(q)]))).map((a) => {
    const out: Answers = {};
    for (const [k, v] of Object.entries(a)) if (v !== undefined) out[k] = v as AnswerValue;
    return out;
  });
  return fc.record({
    day: fc.constantFrom('2026-10-01', '2026-10-02', '2026-11-15'),
    channel: fc.constantFrom('online' as const, 'paper' as const, 'phone' as const),
    networkId: fc.option(fc.constantFrom('mansfield', 'bassetlaw'), { nil: undefined }),
    groups: fc.subarray(['dads-partners', 'low-income-area', 'ethnic-minority']),
    answers,
    // Undefined: a response stored before record keys existed.
    recordKey: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
  });
}

/** What DynamoDB does with the counter updates: ADD each `#x :x` term into the item, SET the rest. */
function applyAll(table: Map<string, Record<string, unknown>>, writes: TransactItem[]) {
  for (const w of writes) {
    const u = w.Update!;
    const sk = (u.Key as { SK: string }).SK;
    const item = table.get(sk) ?? {};
    const names = u.ExpressionAttributeNames as Record<string, string>;
    const values = u.ExpressionAttributeValues as Record<string, unknown>;
    const [set, add] = u.UpdateExpression!.replace(/^SET /, '').split(' ADD ') as [string, string];
    for (const term of set.split(', ')) {
      const [n, v] = term.split(' = ') as [string, string];
      item[names[n]!] = values[v];
    }
    for (const term of add.split(', ')) {
      const [n, v] = term.split(' ') as [string, string];
      item[names[n]!] = ((item[names[n]!] as number | undefined) ?? 0) + (values[v] as number);
    }
    table.set(sk, item);
  }
}

/** As `readCounters` sums them: every numeric attribute of every item, by the item's slice. */
function sumBySlice(table: Map<string, Record<string, unknown>>) {
  const slices = new Map<string, Map<string, number>>();
  for (const item of table.values()) {
    const totals = slices.get(item.slice as string) ?? new Map<string, number>();
    for (const [k, v] of Object.entries(item)) if (typeof v === 'number') totals.set(k, (totals.get(k) ?? 0) + v);
    slices.set(item.slice as string, totals);
  }
  return slices;
}

const flat = (m: Map<string, Map<string, number>>) =>
  Object.fromEntries([...m].flatMap(([slice, attrs]) => [...attrs].filter(([, v]) => v !== 0).map(([k, v]) => [`${slice}|${k}`, v])).sort());

/** The update expression the counters wrote before key sums (one item per slice, `#a<i> :v<i>`), for comparison. */
const withoutKeysLength = (deltas: Map<string, number>) =>
  `SET #type = :type, #slice = :slice, #survey = :survey ADD ${[...deltas.keys()].filter((k) => !isKeyName(k)).map((_, i) => `#a${i} :v${i}`).join(', ')}`.length;

describe('what one survey response adds to the counters', () => {
  it('keeps the record key beside every count of people, and none beside sums of positions or numbers', () => {
    const answers: Answers = { 'used-hub': 'yes', 'child-ages': ['under-1', '1-2'], welcome: 4, rank: ['money', 'talking'], better: 'More sessions' };
    const deltas = counterDeltas(demo, { day: '2026-10-02', answers, recordKey: 201 });
    for (const counted of ['n', 'd_2026-10-02', 'a_used-hub', 'o_used-hub_yes', 'a_child-ages', 'o_child-ages_under-1', 'o_child-ages_1-2', 'a_welcome', 'o_welcome_4', 'a_rank', 'a_better']) {
      expect(deltas.get(counted)).toBe(1);
      expect(deltas.get(keyName(counted))).toBe(201);
    }
    // Rank sums add positions, not people: no key sum.
    expect(deltas.get('r_rank_money')).toBe(1);
    expect(deltas.get('r_rank_talking')).toBe(2);
    expect(deltas.has(keyName('r_rank_money'))).toBe(false);
    expect([...deltas.keys()].filter(isKeyName)).toHaveLength(11);
  });

  it('adds no key sum for a response stored before record keys existed (it counts with key 0)', () => {
    const deltas = counterDeltas(demo, { day: '2026-10-02', answers: { 'used-hub': 'no' } });
    expect([...deltas.keys()].some(isKeyName)).toBe(false);
    expect(deltas.get('n')).toBe(1);
  });

  it('leaves no sum of numbers with a key sum', () => {
    const d = sixtyQuestionDefinition();
    const deltas = counterDeltas(d, { day: '2026-10-02', answers: fullestAnswers(d), recordKey: 7 });
    for (const name of deltas.keys()) {
      if (name.startsWith('s_') || name.startsWith('r_')) expect(deltas.has(keyName(name)), name).toBe(false);
    }
    expect(deltas.get(keyName('s_question-06-about-family-hubs'))).toBeUndefined();
  });
});

describe('the live counters and a recount', () => {
  it('agree, key sums included, for any responses written to any shards (property)', () => {
    for (const [definition, numRuns] of [[demo, 150], [sixtyQuestionDefinition(), 40]] as const) {
      fc.assert(
        fc.property(fc.array(fc.tuple(arbitraryResponse(definition), fc.integer({ min: 0, max: SHARDS - 1 })), { maxLength: 12 }), (responses) => {
          const table = new Map<string, Record<string, unknown>>();
          const recount = new Map<string, Map<string, number>>();
          for (const [response, shard] of responses) {
            const deltas = counterDeltas(definition, response);
            for (const slice of slicesFor(response)) applyAll(table, counterUpdates('t', 's', slice, shard, deltas));
            addInto(recount, definition, response);
          }
          const live = sumBySlice(table);
          expect(flat(live)).toEqual(flat(recount));
          // Each count's key sum is the sum of its responses' keys (0 for a response without one).
          const all = live.get('ALL');
          const keys = responses.reduce((s, [r]) => s + (r.recordKey ?? 0), 0);
          expect(all?.get(keyName('n')) ?? 0).toBe(keys);
          expect(all?.get('n') ?? 0).toBe(responses.length);
        }),
        { numRuns },
      );
    }
  });
});

describe('counter update expressions', () => {
  const measure = (definition: SurveyDefinition, slices = ['ALL', 'CHANNEL#online', 'NETWORK#mansfield', 'GROUP#dads-partners']) => {
    const deltas = counterDeltas(definition, { day: '2026-10-02', answers: fullestAnswers(definition), recordKey: 255 });
    const updates = slices.flatMap((slice) => counterUpdates('t', 's', slice, 3, deltas));
    const perSlice = counterUpdates('t', 's', 'ALL', 3, deltas);
    return {
      attributes: deltas.size,
      updatesPerSlice: perSlice.length,
      longest: Math.max(...updates.map((u) => Buffer.byteLength(u.Update!.UpdateExpression!))),
      before: withoutKeysLength(deltas),
      updates,
    };
  };

  it('stay under DynamoDB’s 4 KB for the demo survey, a 60-question survey and the largest the schema allows', () => {
    const demoSize = measure(demo);
    const sixty = measure(sixtyQuestionDefinition());
    const largest = measure(largestAllowedDefinition());
    console.log(
      [
        'Longest survey counter update expression (the fullest possible response):',
        `  demo survey        ${demoSize.attributes} attributes, ${demoSize.updatesPerSlice} update(s) per slice, longest ${demoSize.longest} bytes (${demoSize.before} before key sums)`,
        `  60 questions       ${sixty.attributes} attributes, ${sixty.updatesPerSlice} update(s) per slice, longest ${sixty.longest} bytes (${sixty.before} before key sums)`,
        `  schema's largest   ${largest.attributes} attributes, ${largest.updatesPerSlice} update(s) per slice, longest ${largest.longest} bytes (${largest.before} before key sums)`,
      ].join('\n'),
    );
    for (const m of [demoSize, sixty, largest]) expect(m.longest).toBeLessThanOrEqual(UPDATE_EXPRESSION_LIMIT);
    expect(demoSize.updatesPerSlice).toBe(1);
    // The number of responses (and its key sum) is always on the shard item itself, which the survey list reads.
    for (const m of [demoSize, sixty, largest]) {
      const first = m.updates[0]!.Update!;
      expect((first.Key as { SK: string }).SK).toBe('ALL#SHARD#3');
      expect(Object.values(first.ExpressionAttributeNames!)).toEqual(expect.arrayContaining(['n', 'n~k']));
    }
    const parts = largest.updates.map((u) => (u.Update!.Key as { SK: string }).SK).filter((sk) => sk.startsWith('ALL#'));
    expect(parts.slice(0, 3)).toEqual(['ALL#SHARD#3', 'ALL#SHARD#3#PART#1', 'ALL#SHARD#3#PART#2']);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { monthsBetween } from '@pv/shared/insight.schema';
import { addRecord, blocksOf, change, MAX_CHANGE, P_TABLE, perturb, perturbOverMonths, shown, tallyIn, type Tally } from '@pv/shared/cell-key';

describe('the p-table', () => {
  it('has rows that each share out all 256 cell keys, change nothing on average, and never go below zero', () => {
    for (const row of P_TABLE) {
      expect(row.changes.reduce((s, [, w]) => s + w, 0)).toBe(256);
      expect(row.changes.reduce((s, [c, w]) => s + c * w, 0)).toBe(0);
      for (const [c] of row.changes) {
        expect(Math.abs(c)).toBeLessThanOrEqual(MAX_CHANGE);
        expect(row.from + c).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('gives each change to exactly as many cell keys as the table says, for small and large counts', () => {
    for (const count of [1, 2, 3, 4, 5, 9, 50, 10_000]) {
      const seen = new Map<number, number>();
      for (let key = 0; key < 256; key++) seen.set(change(count, key), (seen.get(change(count, key)) ?? 0) + 1);
      const row = count === 1 ? P_TABLE[1]! : P_TABLE[2]!;
      expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(row.changes.map(([c, w]) => [c, w])));
    }
  });

  it('leaves an empty cell at 0 whatever its key', () => {
    for (let key = 0; key < 256; key++) expect(perturb({ n: 0, k: key })).toBe(0);
  });

  it('uses the key sum mod 256, so keys added in any order or any split give the same change', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }), fc.nat(), (keys, cut) => {
        const whole: Tally = { n: keys.length, k: keys.reduce((s, k) => s + k, 0) };
        const at = cut % keys.length;
        const a = keys.slice(0, at).reduce((s, k) => s + k, 0);
        const b = keys.slice(at).reduce((s, k) => s + k, 0);
        expect(perturb({ n: keys.length, k: a + b })).toBe(perturb(whole));
        expect(perturb(whole)).toBeGreaterThanOrEqual(0);
        expect(Math.abs(perturb(whole) - whole.n)).toBeLessThanOrEqual(MAX_CHANGE);
      }),
    );
  });
});

describe('counter attributes', () => {
  it('keep a key sum beside each count, and take a record out again exactly', () => {
    const d = new Map<string, number>();
    addRecord(d, ['*', 'g:dads'], 200, 1);
    addRecord(d, ['*'], 100, 1);
    expect(tallyIn(d, '*')).toEqual({ n: 2, k: 300 });
    expect(tallyIn(d, 'g:dads')).toEqual({ n: 1, k: 200 });
    addRecord(d, ['*', 'g:dads'], 200, -1);
    expect(tallyIn(d, '*')).toEqual({ n: 1, k: 100 });
    expect(tallyIn(d, 'g:dads')).toEqual({ n: 0, k: 0 });
  });

  it('shows a published count under the threshold as null ("fewer than")', () => {
    expect(shown(4, 5)).toBeNull();
    expect(shown(5, 5)).toBe(5);
    expect(shown(0, 10)).toBeNull();
  });
});

describe('periods as canonical blocks', () => {
  it('covers a financial year with one block, a quarter with one, and the rest month by month', () => {
    expect(blocksOf(monthsBetween('2026-04', '2027-03')).map((b) => b.length)).toEqual([12]);
    expect(blocksOf(monthsBetween('2026-07', '2026-09')).map((b) => b.length)).toEqual([3]);
    // Last 12 months to November 2026: December, then January–March (a quarter), April–June, July–September, October, November.
    expect(blocksOf(monthsBetween('2025-12', '2026-11')).map((b) => `${b[0]}..${b.at(-1)}`)).toEqual([
      '2025-12..2025-12',
      '2026-01..2026-03',
      '2026-04..2026-06',
      '2026-07..2026-09',
      '2026-10..2026-10',
      '2026-11..2026-11',
    ]);
    expect(blocksOf(monthsBetween('2025-05', '2027-06')).map((b) => b.length)).toEqual([1, 1, 3, 3, 3, 12, 3]);
  });

  const records = fc.array(
    fc.record({ month: fc.constantFrom(...monthsBetween('2024-01', '2026-12')), key: fc.integer({ min: 0, max: 255 }) }),
    { maxLength: 60 },
  );
  const period = fc
    .tuple(fc.nat(35), fc.nat(35))
    .map(([a, b]) => monthsBetween(...([monthsBetween('2024-01', '2026-12')[Math.min(a, b)]!, monthsBetween('2024-01', '2026-12')[Math.max(a, b)]!] as const)));
  const tallies = (rs: { month: string; key: number }[]) => (m: string) =>
    rs.filter((r) => r.month === m).reduce<Tally>((t, r) => ({ n: t.n + 1, k: t.k + r.key }), { n: 0, k: 0 });

  it('publishes the same value for the same records whatever period they are read through', () => {
    fc.assert(
      fc.property(records, period, period, (rs, p1, p2) => {
        const in1 = rs.filter((r) => p1.includes(r.month));
        const in2 = rs.filter((r) => p2.includes(r.month));
        const same = (a: typeof rs, b: typeof rs) => a.length === b.length && a.every((r) => b.includes(r));
        fc.pre(same(in1, in2));
        expect(perturbOverMonths(p1, tallies(rs))).toBe(perturbOverMonths(p2, tallies(rs)));
      }),
      { numRuns: 500 },
    );
  });

  it('stays within the blocks’ changes of the true count, and is 0 for a period with no records', () => {
    fc.assert(
      fc.property(records, period, (rs, p) => {
        const truth = rs.filter((r) => p.includes(r.month)).length;
        const published = perturbOverMonths(p, tallies(rs));
        const blocks = blocksOf(p).length;
        expect(Math.abs(published - truth)).toBeLessThanOrEqual(MAX_CHANGE * blocks);
        if (truth === 0) expect(published).toBe(0);
      }),
    );
  });
});

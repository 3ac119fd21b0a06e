import { describe, expect, it } from 'vitest';
import { keyName, newRecordKey } from '@pv/shared/cell-key';
import { feedbackCount } from '../../../functions/src/actions/log-counts.ts';

const HUBS: Record<string, string> = { a1: 'a', a2: 'a', a3: 'a', b1: 'b' };

/** All-time counters for comments each in one hub, each with a fresh random record key. */
function countersFor(perHub: Record<string, number>): Map<string, number> {
  const m = new Map<string, number>();
  const add = (cell: string, key: number) => {
    m.set(cell, (m.get(cell) ?? 0) + 1);
    m.set(keyName(cell), (m.get(keyName(cell)) ?? 0) + key);
  };
  for (const [hub, n] of Object.entries(perHub)) {
    for (let i = 0; i < n; i++) {
      const key = newRecordKey();
      for (const cell of [`*|h:${hub}|*`, `*|n:${HUBS[hub]}|*`, '*|*|*']) add(cell, key);
    }
  }
  return m;
}

describe('the public log’s "things you told us" count', () => {
  it('is changed by at most 2, and says "fewer than" (null) under the threshold', () => {
    for (let run = 0; run < 50; run++) {
      const c = countersFor({ a1: 50, a2: 47, a3: 1, b1: 20 });
      expect(Math.abs(feedbackCount(c, 5, { hub: 'a1' })! - 50)).toBeLessThanOrEqual(2);
      expect(Math.abs(feedbackCount(c, 5, {})! - 118)).toBeLessThanOrEqual(2);
      expect(feedbackCount(c, 5, { hub: 'a3' })).toBeNull();
      expect(feedbackCount(c, 5, { hub: 'nowhere' })).toBeNull();
    }
  });

  it('gives the same number for the same comments every time it is asked', () => {
    const c = countersFor({ a1: 50, a2: 47, a3: 3, b1: 20 });
    const first = feedbackCount(c, 5, { network: 'a' });
    for (let i = 0; i < 10; i++) expect(feedbackCount(c, 5, { network: 'a' })).toBe(first);
  });

  it('leaves a hidden hub uncertain to someone who subtracts its shown siblings from their network', () => {
    // a3 has 3 comments: network a minus hubs a1 and a2 used to give it away exactly.
    let exact = 0;
    const runs = 400;
    for (let run = 0; run < runs; run++) {
      const c = countersFor({ a1: 50, a2: 47, a3: 3, b1: 20 });
      const derived = feedbackCount(c, 5, { network: 'a' })! - feedbackCount(c, 5, { hub: 'a1' })! - feedbackCount(c, 5, { hub: 'a2' })!;
      if (derived === 3) exact++;
    }
    // Three independent changes must all cancel: about 18% of the time (from the p-table), never certainly.
    expect(exact / runs).toBeLessThan(0.3);
    expect(exact).toBeGreaterThan(0);
  });
});

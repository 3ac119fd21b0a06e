import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedbackCount } from '../../../functions/src/actions/log-counts.ts';

const config = {
  tenant: { suppressionThreshold: 5 },
  hubNetwork: [{ id: 'a' }, { id: 'b' }],
  hub: [
    { id: 'a1', networkId: 'a' },
    { id: 'a2', networkId: 'a' },
    { id: 'a3', networkId: 'a' },
    { id: 'b1', networkId: 'b' },
  ],
} as Parameters<typeof feedbackCount>[1];

/** Counters for comments each in one hub (so hubs partition their network, networks the total). */
function countersFor(perHub: Record<string, number>): Map<string, number> {
  const m = new Map<string, number>();
  const add = (k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const [hub, n] of Object.entries(perHub)) {
    const network = config.hub.find((h) => h.id === hub)!.networkId;
    add(`*|h:${hub}|*`, n);
    add(`*|n:${network}|*`, n);
    add('*|*|*', n);
  }
  return m;
}

describe('the public log’s "things you told us" count', () => {
  it('hides a small count, and a large one that would give a small sibling away', () => {
    const c = countersFor({ a1: 50, a2: 47, a3: 3, b1: 20 });
    expect(feedbackCount(c, config, { hub: 'a3' })).toBeNull();
    // a1 and a2 with network a = 100 shown: a3 = 100 − 50 − 47. One more must go: the smaller, a2.
    expect(feedbackCount(c, config, { hub: 'a2' })).toBeNull();
    expect(feedbackCount(c, config, { hub: 'a1' })).toBe(50);
    expect(feedbackCount(c, config, { network: 'a' })).toBe(100);
    expect(feedbackCount(c, config, {})).toBe(120);
  });

  it('never lets a hidden hub be worked out from the shown hubs and their network', () => {
    fc.assert(
      fc.property(fc.record({ a1: fc.nat({ max: 30 }), a2: fc.nat({ max: 30 }), a3: fc.nat({ max: 30 }) }), (perHub) => {
        const c = countersFor({ ...perHub, b1: 10 });
        const shown = (['a1', 'a2', 'a3'] as const).map((h) => feedbackCount(c, config, { hub: h }));
        const network = feedbackCount(c, config, { network: 'a' });
        const hidden = shown.flatMap((s, i) => (s === null ? [i] : []));
        // Exactly one hidden, non-zero hub and the network shown would give it away.
        if (network !== null && hidden.length === 1) expect(perHub[(['a1', 'a2', 'a3'] as const)[hidden[0]!]!]).toBe(0);
      }),
    );
  });
});

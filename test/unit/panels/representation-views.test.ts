import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CHANGE, perturb, shown, type Tally } from '@pv/shared/cell-key';
import type { TenantConfig } from '@pv/shared/config.schema';
import type { Panel } from '@pv/shared/panel.schema';
import { representationViews } from '../../../functions/src/representation/representation.service.ts';

/** A partnership with one network and panel, two groups (baselines 45% and 10%) and a threshold of 5. */
const config = {
  tenant: { id: 't', name: 'T', suppressionThreshold: 5 },
  hubNetwork: [{ id: 'n1', name: 'N1', district: 'D1', status: 'active' }],
  hub: [],
  group: ['dads', 'send'].map((id) => ({ id, name: id, status: 'active' })),
  baseline: [
    { id: 'dads--all', groupId: 'dads', area: 'all', sharePercent: 45, source: 'test', status: 'active' },
    { id: 'send--all', groupId: 'send', area: 'all', sharePercent: 10, source: 'test', status: 'active' },
  ],
} as unknown as TenantConfig;
const panel = { id: 'p1', name: 'P1', networkId: 'n1' } as Panel;

/** Counters for the tenant and the one panel (the same cells in both). */
const counters = (cells: Record<string, Tally>) => {
  const m = new Map(Object.entries(cells));
  return new Map([
    ['ALL', m],
    ['PANEL#p1', m],
  ]);
};
const tally = fc.record({ n: fc.integer({ min: 0, max: 60 }), k: fc.integer({ min: 0, max: 60 * 255 }) });

describe('the representation views', () => {
  it('publish every count as the cell key method gives it, and work shares out from the published figures', () => {
    fc.assert(
      fc.property(tally, tally, tally, tally, (members, answered, dads, send) => {
        const [, view] = representationViews(config, [panel], counters({ MEMBERS: members, ANSWERED: answered, 'GROUP#dads': dads, 'GROUP#send': send }));
        const size = shown(perturb(members), 5);
        expect(view!.members.count ?? null).toBe(size);
        if (size === null) {
          // Under the threshold, nothing else about the panel is shown.
          expect([view!.answered, ...view!.rows].every((c) => c.suppressed && c.count === undefined && c.sharePercent === undefined)).toBe(true);
          return;
        }
        expect(view!.answered.count ?? null).toBe(shown(perturb(answered), 5));
        for (const [row, t] of [
          [view!.rows[0]!, dads],
          [view!.rows[1]!, send],
        ] as const) {
          expect(row.count ?? null).toBe(shown(perturb(t), 5));
          expect(row.suppressed).toBe(row.count === undefined);
          if (row.count !== undefined) {
            expect(row.sharePercent).toBe(Math.min(100, Math.round((row.count / size) * 1000) / 10));
            expect(Math.abs(row.count - t.n)).toBeLessThanOrEqual(MAX_CHANGE);
          }
        }
      }),
    );
  });

  it('flag a group shown as "fewer than 5" only when the published size says at least 5 would be expected', () => {
    // 20 members (changed to 18–22): 45% expects 8 or more dads, so "fewer than 5" is a gap; 10% expects about 2, so it says nothing.
    const [, view] = representationViews(config, [panel], counters({ MEMBERS: { n: 20, k: 1000 }, 'GROUP#dads': { n: 0, k: 0 }, 'GROUP#send': { n: 0, k: 0 } }));
    expect(view!.rows.map((r) => [r.groupId, r.suppressed, r.underRepresented])).toEqual([
      ['dads', true, true],
      ['send', true, false],
    ]);
    // A shown share is flagged when under half its baseline.
    const [, shownView] = representationViews(config, [panel], counters({ MEMBERS: { n: 60, k: 7 }, 'GROUP#dads': { n: 8, k: 3 }, 'GROUP#send': { n: 40, k: 3 } }));
    expect(shownView!.rows.map((r) => r.underRepresented)).toEqual([true, false]);
  });

  it('never carry a reason for a held-back figure', () => {
    const views = representationViews(config, [panel], counters({ MEMBERS: { n: 12, k: 99 }, 'GROUP#dads': { n: 2, k: 5 }, 'GROUP#send': { n: 9, k: 300 } }));
    expect(JSON.stringify(views)).not.toMatch(/reason|secondary/);
  });
});

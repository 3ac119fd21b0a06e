import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TenantConfig } from '@pv/shared/config.schema';
import type { Feedback } from '@pv/shared/feedback.schema';
import { resolvePeriod, type InsightCell } from '@pv/shared/insight.schema';
import { addCells, isCounted, periodOf, tenantCells, themeCells } from '../../../functions/src/feedback/feedback-counters.ts';
import * as views from '../../../functions/src/insight/insight.views.ts';

/*
 * The partner views against an attacker of their own, who knows nothing of the sums the views declare:
 * the unknowns are how many comments there are of every possible kind (each combination of
 * priorities, network, hub, groups, month that the view's numbers depend on). Every number a view
 * shows is a sum of some of those; the attacker is also told which of the view's counts are 0 (so the
 * kinds inside them are absent), then asks, for every hidden count, whether some combination of the
 * shown numbers gives it exactly (its vector lies in their span: rank modulo a prime). No hidden count
 * from 1 to threshold − 1 may be recoverable, from any view.
 */

const P = ['p1', 'p2', 'p3'];
const N: Record<string, string[]> = { n1: ['h1', 'h2'], n2: ['h3', 'h4'], n3: ['h5'] };
const G = ['g1', 'g2', 'g3'];
const MONTHS = ['2026-04', '2026-05', '2026-06'];

function configWith(threshold: number): TenantConfig {
  const item = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id.toUpperCase(), status: 'active', ...extra });
  return {
    tenant: { id: 't', name: 'T', suppressionThreshold: threshold },
    priority: P.map((p) => item(p)),
    crossCuttingTheme: [],
    hubNetwork: Object.keys(N).map((n) => item(n, { district: n })),
    hub: Object.entries(N).flatMap(([n, hs]) => hs.map((h) => item(h, { networkId: n }))),
    group: G.map((g) => item(g)),
    baseline: G.map((g, i) => ({ ...item(`${g}--all`), groupId: g, area: 'all', sharePercent: 10 + i * 15, source: 'test', illustrative: true })),
  } as unknown as TenantConfig;
}

const commentArb = fc.record({
  priorities: fc.subarray(P, { maxLength: 2 }),
  network: fc.constantFrom('n1', 'n2', 'n3', ''),
  hubPick: fc.nat(3),
  groups: fc.subarray(G, { maxLength: 2 }),
  month: fc.constantFrom(...MONTHS),
  channel: fc.constantFrom('online', 'phone'),
  status: fc.constantFrom('new', 'reviewed', 'reviewed', 'not-relevant'),
  inTheme: fc.boolean(),
});

function toFeedback(c: typeof commentArb extends fc.Arbitrary<infer T> ? T : never, i: number): Feedback & { inTheme: boolean } {
  const hubs = c.network ? N[c.network]! : [];
  const hub = hubs.length && c.hubPick < hubs.length ? [hubs[c.hubPick]!] : [];
  return {
    id: `f${i}`,
    text: '',
    source: { kind: i % 2 ? 'survey' : 'conversation' } as Feedback['source'],
    channel: c.channel as Feedback['channel'],
    receivedOn: `${c.month}-10`,
    priorityIds: c.priorities,
    crossCuttingIds: [],
    hubIds: hub,
    ...(c.network ? { networkId: c.network } : {}),
    groups: c.groups,
    status: c.status as Feedback['status'],
    version: 1,
    inTheme: c.inTheme,
  };
}

// ——— The attacker ———

const PRIME = 1_000_003; // products stay well inside a double's exact integers
const mod = (a: number) => ((a % PRIME) + PRIME) % PRIME;
function inverse(a: number): number {
  let [r0, r1, s0, s1] = [mod(a), PRIME, 1, 0];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0);
}

/** Row-reduces vectors (mod PRIME) into an echelon basis; `inSpan` says whether a vector is a combination of them. */
class Span {
  private readonly basis: { pivot: number; row: number[] }[] = [];
  add(v: number[]): void {
    const r = this.reduce(v);
    const pivot = r.findIndex((x) => x !== 0);
    if (pivot === -1) return;
    const inv = inverse(r[pivot]!);
    this.basis.push({ pivot, row: r.map((x) => mod(x * inv)) });
  }
  private reduce(v: number[]): number[] {
    const r = v.map(mod);
    for (const { pivot, row } of this.basis) {
      if (r[pivot] === 0) continue;
      const k = r[pivot]!;
      for (let j = 0; j < r.length; j++) if (row[j] !== 0) r[j] = mod(r[j]! - k * row[j]!);
    }
    return r;
  }
  inSpan(v: number[]): boolean {
    return this.reduce(v).every((x) => x === 0);
  }
}

type Pred = (f: Feedback & { inTheme: boolean }) => boolean;
interface Shown {
  what: string;
  cell: InsightCell;
  pred: Pred;
}

const subsets = (xs: string[]) => [[], ...xs.map((x) => [x]), ...xs.flatMap((x, i) => xs.slice(i + 1).map((y) => [x, y]))];

/**
 * Every kind of comment a view could count (the attacker's unknowns): each combination of the
 * attributes the view's numbers depend on.
 */
function universe(dims: { places: 'hubs' | 'networks'; groups: boolean; months: boolean; inTheme: boolean }): (Feedback & { inTheme: boolean })[] {
  const places =
    dims.places === 'hubs'
      ? [...Object.entries(N).flatMap(([n, hs]) => [...hs.map((h) => ({ networkId: n, hubIds: [h] })), { networkId: n, hubIds: [] as string[] }]), { hubIds: [] as string[] }]
      : [...Object.keys(N).map((n) => ({ networkId: n, hubIds: [] as string[] })), { hubIds: [] as string[] }];
  const out: (Feedback & { inTheme: boolean })[] = [];
  for (const priorityIds of subsets(P))
    for (const place of places)
      for (const groups of dims.groups ? subsets(G) : [[]])
        for (const month of dims.months ? MONTHS : ['2026-05'])
          out.push({ id: '', text: '', source: { kind: 'survey' } as Feedback['source'], channel: 'online', receivedOn: `${month}-10`, priorityIds, crossCuttingIds: [], groups, status: 'reviewed', version: 1, inTheme: dims.inTheme, ...place });
  return out;
}

/**
 * Hidden counts from 1 to threshold − 1 that the shown ones give away, and shown counts under the
 * threshold. The attacker is also told every count of the view that is 0 (hidden or not): counts
 * can't be negative, so every kind of comment inside a 0 is known to be absent.
 */
function attack(comments: (Feedback & { inTheme: boolean })[], shown: Shown[], threshold: number, kinds: (Feedback & { inTheme: boolean })[]): string[] {
  const truth = (pred: Pred) => comments.filter(pred).length;
  const zeros = shown.filter((s) => truth(s.pred) === 0);
  const atoms = kinds.filter((a) => !zeros.some((z) => z.pred(a)));
  const vector = (pred: Pred) => atoms.map((a) => (pred(a) ? 1 : 0));
  const span = new Span();
  const problems: string[] = [];
  for (const s of shown) {
    if (s.cell.count === null) continue;
    expect(s.cell.count, s.what).toBe(truth(s.pred));
    if (s.cell.count < threshold) problems.push(`${s.what} is shown as ${s.cell.count}`);
    span.add(vector(s.pred));
  }
  for (const s of shown) {
    if (s.cell.count !== null) continue;
    const n = truth(s.pred);
    if (n >= 1 && n < threshold && span.inSpan(vector(s.pred))) problems.push(`${s.what} (${n}) can be worked out`);
  }
  return problems;
}

// ——— What each number of each view counts ———

const counted: Pred = (f) => isCounted(f);
const about = (p: string | null, net: string | null, hub: string | null, g: string | null, months?: string[]): Pred => (f) =>
  counted(f) &&
  (!p || f.priorityIds.includes(p)) &&
  (!net || f.networkId === net) &&
  (!hub || f.hubIds.includes(hub)) &&
  (!g || f.groups.includes(g)) &&
  (!months || months.includes(f.receivedOn.slice(0, 7)));

function counters(comments: Feedback[]): Map<string, Map<string, number>> {
  const byMonth = new Map<string, Map<string, number>>();
  for (const f of comments) {
    const m = periodOf(f.receivedOn);
    if (!byMonth.has(m)) byMonth.set(m, new Map());
    addCells(byMonth.get(m)!, tenantCells(f), 1);
  }
  return byMonth;
}

const period = resolvePeriod({ period: 'custom', from: '2026-04', to: '2026-06' }, '2026-07-01');

function heatmapNumbers(config: TenantConfig, comments: (Feedback & { inTheme: boolean })[], filter: { network?: string; group?: string }): Shown[] {
  const v = views.heatmap(config, period, 'now', views.sumMonths(counters(comments), period.months), filter);
  const g = filter.group ?? null;
  const net = v.scope.kind === 'hubs' ? v.scope.networkId : null;
  const col = (i: number) => (v.scope.kind === 'hubs' ? { net: null, hub: v.columns[i]!.id } : { net: v.columns[i]!.id, hub: null });
  const out: Shown[] = [{ what: 'total', cell: v.total, pred: about(null, net, null, g) }];
  v.columns.forEach((c, i) => out.push({ what: `column ${c.id}`, cell: c.total, pred: about(null, col(i).net, col(i).hub, g) }));
  for (const r of v.rows) {
    out.push({ what: `row ${r.priorityId}`, cell: r.total, pred: about(r.priorityId, net, null, g) });
    r.cells.forEach((c, i) => out.push({ what: `${r.priorityId} × ${v.columns[i]!.id}`, cell: c, pred: about(r.priorityId, col(i).net, col(i).hub, g) }));
  }
  return out;
}

function voiceNumbers(config: TenantConfig, comments: (Feedback & { inTheme: boolean })[]): Shown[] {
  const v = views.voice(config, period, 'now', views.sumMonths(counters(comments), period.months), [], new Map());
  const out: Shown[] = [{ what: 'all feedback', cell: v.feedback, pred: about(null, null, null, null) }];
  // A share shown with its count gives its denominator away: the attacker has those too.
  const denominator = (cell: InsightCell, what: string, pred: Pred) => {
    if (cell.sharePercent !== null && cell.sharePercent !== undefined && cell.count !== null) out.push({ what: `${what} (from the share)`, cell: { count: comments.filter(pred).length }, pred });
  };
  for (const g of v.groups) {
    out.push({ what: `${g.groupId}`, cell: g.feedback, pred: about(null, null, null, g.groupId) });
    denominator(g.feedback, 'all', about(null, null, null, null));
    for (const p of g.byPriority) {
      out.push({ what: `${g.groupId} on ${p.priorityId}`, cell: p.feedback, pred: about(p.priorityId, null, null, g.groupId) });
      denominator(p.feedback, p.priorityId, about(p.priorityId, null, null, null));
    }
    for (const n of g.byNetwork) {
      out.push({ what: `${g.groupId} in ${n.networkId}`, cell: n.feedback, pred: about(null, n.networkId, null, g.groupId) });
      denominator(n.feedback, n.networkId, about(null, n.networkId, null, null));
    }
  }
  return out;
}

function trendNumbers(config: TenantConfig, comments: (Feedback & { inTheme: boolean })[]): Shown[] {
  const v = views.trends(config, period, 'now', counters(comments), []);
  return v.series.flatMap((s) => [
    { what: `${s.name} in all`, cell: s.total, pred: about(s.priorityId, null, null, null, period.months) },
    ...s.points.map((pt) => ({ what: `${s.name} in ${pt.month}`, cell: pt.feedback, pred: about(s.priorityId, null, null, null, [pt.month]) })),
  ]);
}

function themeNumbers(config: TenantConfig, comments: (Feedback & { inTheme: boolean })[]): Shown[] {
  const counts = new Map<string, number>();
  for (const f of comments) if (f.inTheme) addCells(counts, themeCells(f), 1);
  const th: views.ThemeFacts = { id: 'th', name: 'Theme', description: '', counts: Object.fromEntries(counts), actionIds: [], actionStatus: null };
  const half = { ...period, months: ['2026-05', '2026-06'], previous: { ...period.previous, months: ['2026-04'] } };
  const v = views.themeDetail(config, half, 'now', th, [], []);
  const inTheme = (extra: Pred): Pred => (f) => f.inTheme && counted(f) && extra(f);
  const out: Shown[] = [
    { what: 'theme all time', cell: v.theme.allTime, pred: inTheme(() => true) },
    { what: 'theme now', cell: v.theme.size, pred: inTheme((f) => half.months.includes(f.receivedOn.slice(0, 7))) },
    { what: 'theme before', cell: v.theme.previous, pred: inTheme((f) => f.receivedOn.startsWith('2026-04')) },
    ...v.byPriority.map((x) => ({ what: `theme ${x.id}`, cell: x.cell, pred: inTheme((f) => f.priorityIds.includes(x.id)) })),
    ...v.byNetwork.map((x) => ({ what: `theme ${x.id}`, cell: x.cell, pred: inTheme((f) => f.networkId === x.id) })),
    ...v.byHub.map((x) => ({ what: `theme ${x.id}`, cell: x.cell, pred: inTheme((f) => f.hubIds.includes(x.id)) })),
    ...v.byGroup.map((x) => ({ what: `theme ${x.id}`, cell: x.cell, pred: inTheme((f) => f.groups.includes(x.id)) })),
    ...v.byMonth.map((x) => ({ what: `theme ${x.month}`, cell: x.cell, pred: inTheme((f) => f.receivedOn.startsWith(x.month)) })),
  ];
  return out;
}

const dataSets = fc.tuple(fc.array(commentArb, { minLength: 5, maxLength: 90 }), fc.constantFrom(5, 10)).map(([cs, threshold]) => ({ comments: cs.map(toFeedback), threshold }));

const kinds = {
  heatmap: universe({ places: 'hubs', groups: true, months: false, inTheme: false }),
  voice: universe({ places: 'networks', groups: true, months: false, inTheme: false }),
  trends: universe({ places: 'networks', groups: false, months: true, inTheme: false }).filter((a) => !a.networkId),
  theme: universe({ places: 'hubs', groups: true, months: true, inTheme: true }),
};

describe('partner views', () => {
  it('never show a count under the threshold, nor let one be worked out from everything else a view shows', () => {
    fc.assert(
      fc.property(dataSets, ({ comments, threshold }) => {
        const config = configWith(threshold);
        const problems = [
          ...attack(comments, heatmapNumbers(config, comments, {}), threshold, kinds.heatmap).map((p) => `heatmap: ${p}`),
          ...attack(comments, heatmapNumbers(config, comments, { network: 'n1' }), threshold, kinds.heatmap).map((p) => `heatmap n1: ${p}`),
          ...attack(comments, heatmapNumbers(config, comments, { group: 'g1' }), threshold, kinds.heatmap).map((p) => `heatmap g1: ${p}`),
          ...attack(comments, heatmapNumbers(config, comments, { group: 'g2', network: 'n1' }), threshold, kinds.heatmap).map((p) => `heatmap g2 n1: ${p}`),
          ...attack(comments, voiceNumbers(config, comments), threshold, kinds.voice).map((p) => `voice: ${p}`),
          ...attack(comments, trendNumbers(config, comments), threshold, kinds.trends).map((p) => `trends: ${p}`),
          ...attack(comments, themeNumbers(config, comments), threshold, kinds.theme).map((p) => `theme: ${p}`),
        ];
        expect(problems).toEqual([]);
      }),
      { numRuns: Number(process.env.PV_PROPERTY_RUNS ?? 150) },
    );
  });

  it('would be caught by the attacker if views hid only the small counts (the test can fail)', () => {
    // Same attacker, views that show every count of the threshold or more: months add up to the
    // period, so a month's small count falls out of the total and the other months.
    let found = 0;
    fc.assert(
      fc.property(dataSets, ({ comments, threshold }) => {
        const config = configWith(threshold);
        const naive = (numbers: Shown[]) =>
          numbers.map((s) => {
            const n = comments.filter(s.pred).length;
            return { ...s, cell: n >= threshold ? { count: n } : { count: null, hidden: 'small' as const } };
          });
        if (attack(comments, naive(trendNumbers(config, comments)), threshold, kinds.trends).length) found++;
        if (attack(comments, naive(themeNumbers(config, comments)), threshold, kinds.theme).length) found++;
      }),
      { numRuns: 100, seed: 42 },
    );
    if (process.env.PV_DEBUG) console.log(`naive views leaked in ${found} of 200 views`);
    expect(found).toBeGreaterThan(0);
  });
});

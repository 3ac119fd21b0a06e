import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TenantConfig } from '@pv/shared/config.schema';
import type { Feedback } from '@pv/shared/feedback.schema';
import { monthsBetween, resolvePeriod, type InsightCell, type Period } from '@pv/shared/insight.schema';
import { addCells, isCounted, periodOf, tenantCells, themeCells } from '../../../functions/src/feedback/feedback-counters.ts';
import * as views from '../../../functions/src/insight/insight.views.ts';
import { publishedFor, publishedValue } from '../../support/cell-key.ts';

/*
 * The partner views and the cell key method, tested from the comments themselves. For random comments
 * (with random record keys) and random queries — overlapping periods, networks, hubs, groups,
 * priorities — every number each view shows is worked out again here from the comments it counts
 * (not from the counters): the cell key value of exactly those comments. And the promise that makes
 * combining views useless: the same set of comments always publishes the same value, whichever view,
 * period or filter shows it.
 */

const P = ['p1', 'p2', 'p3'];
const N: Record<string, string[]> = { n1: ['h1', 'h2'], n2: ['h3', 'h4'], n3: ['h5'] };
const G = ['g1', 'g2', 'g3'];
const MONTHS = monthsBetween('2025-01', '2026-12');

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
  recordKey: fc.integer({ min: 0, max: 255 }),
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
    recordKey: c.recordKey,
    version: 1,
    inTheme: c.inTheme,
  };
}

// ——— What each number of each view counts ———

type Comment = Feedback & { inTheme: boolean };
type Pred = (f: Comment) => boolean;

/** A number a view shows, the comments it counts, and over which months (undefined: the all-time block). */
interface Shown {
  what: string;
  cell: InsightCell;
  pred: Pred;
  months?: string[];
}

const counted: Pred = (f) => isCounted(f);
const about = (p: string | null, net: string | null, hub: string | null, g: string | null): Pred => (f) =>
  counted(f) && (!p || f.priorityIds.includes(p)) && (!net || f.networkId === net) && (!hub || f.hubIds.includes(hub)) && (!g || f.groups.includes(g));

function counters(comments: Feedback[]): Map<string, Map<string, number>> {
  const byMonth = new Map<string, Map<string, number>>();
  for (const f of comments) {
    const m = periodOf(f.receivedOn);
    if (!byMonth.has(m)) byMonth.set(m, new Map());
    addCells(byMonth.get(m)!, tenantCells(f), 1, f);
  }
  return byMonth;
}

function heatmapNumbers(config: TenantConfig, period: Period, comments: Comment[], filter: { network?: string; group?: string }): Shown[] {
  const v = views.heatmap(config, period, 'now', counters(comments), filter);
  const g = filter.group ?? null;
  const net = v.scope.kind === 'hubs' ? v.scope.networkId : null;
  const col = (i: number) => (v.scope.kind === 'hubs' ? { net: null, hub: v.columns[i]!.id } : { net: v.columns[i]!.id, hub: null });
  const months = period.months;
  const out: Shown[] = [{ what: 'heatmap total', cell: v.total, pred: about(null, net, null, g), months }];
  v.columns.forEach((c, i) => out.push({ what: `column ${c.id}`, cell: c.total, pred: about(null, col(i).net, col(i).hub, g), months }));
  for (const r of v.rows) {
    out.push({ what: `row ${r.priorityId}`, cell: r.total, pred: about(r.priorityId, net, null, g), months });
    r.cells.forEach((c, i) => out.push({ what: `${r.priorityId} × ${v.columns[i]!.id}`, cell: c, pred: about(r.priorityId, col(i).net, col(i).hub, g), months }));
  }
  return out;
}

function voiceNumbers(config: TenantConfig, period: Period, comments: Comment[]): Shown[] {
  const v = views.voice(config, period, 'now', counters(comments), [], new Map());
  const months = period.months;
  const out: Shown[] = [{ what: 'all feedback', cell: v.feedback, pred: about(null, null, null, null), months }];
  for (const g of v.groups) {
    out.push({ what: `${g.groupId}`, cell: g.feedback, pred: about(null, null, null, g.groupId), months });
    for (const p of g.byPriority) out.push({ what: `${g.groupId} on ${p.priorityId}`, cell: p.feedback, pred: about(p.priorityId, null, null, g.groupId), months });
    for (const n of g.byNetwork) out.push({ what: `${g.groupId} in ${n.networkId}`, cell: n.feedback, pred: about(null, n.networkId, null, g.groupId), months });
  }
  return out;
}

function overviewNumbers(config: TenantConfig, period: Period, comments: Comment[]): Shown[] {
  const v = views.overview(config, period, 'now', counters(comments), new Map(), new Map(), []);
  const months = period.months;
  return [
    { what: 'overview total', cell: v.feedback, pred: about(null, null, null, null), months },
    ...v.byChannel.map((c) => ({ what: `channel ${c.channel}`, cell: c.cell, pred: (f: Comment) => counted(f) && f.channel === c.channel, months })),
    ...v.bySource.map((c) => ({ what: `source ${c.source}`, cell: c.cell, pred: (f: Comment) => counted(f) && f.source.kind === c.source, months })),
  ];
}

function trendNumbers(config: TenantConfig, period: Period, comments: Comment[]): Shown[] {
  const v = views.trends(config, period, 'now', counters(comments), []);
  return v.series.flatMap((s) => [
    { what: `${s.name} in all`, cell: s.total, pred: about(s.priorityId, null, null, null), months: period.months },
    ...s.points.map((pt) => ({ what: `${s.name} in ${pt.month}`, cell: pt.feedback, pred: about(s.priorityId, null, null, null), months: [pt.month] })),
  ]);
}

function themeOf(comments: Comment[]): views.ThemeFacts {
  const counts = new Map<string, number>();
  for (const f of comments) if (f.inTheme) addCells(counts, themeCells(f), 1, f);
  return { id: 'th', name: 'Theme', description: '', counts: Object.fromEntries(counts), actionIds: [], actionStatus: null };
}

const inTheme = (extra: Pred): Pred => (f) => f.inTheme && counted(f) && extra(f);
/** The theme's months, first to last: what its all-time size covers. */
const themeSpan = (comments: Comment[]) => {
  const ms = comments.filter(inTheme(() => true)).map((f) => periodOf(f.receivedOn)).sort();
  return ms.length ? monthsBetween(ms[0]!, ms.at(-1)!) : [];
};

function themeNumbers(config: TenantConfig, period: Period, comments: Comment[]): Shown[] {
  const v = views.themeDetail(config, period, 'now', themeOf(comments), [], []);
  const all = () => true;
  return [
    { what: 'theme all time', cell: v.theme.allTime, pred: inTheme(all), months: themeSpan(comments) },
    { what: 'theme now', cell: v.theme.size, pred: inTheme(all), months: period.months },
    { what: 'theme before', cell: v.theme.previous, pred: inTheme(all), months: period.previous.months },
    ...v.byPriority.map((x) => ({ what: `theme ${x.id} (all time)`, cell: x.cell, pred: inTheme((f) => f.priorityIds.includes(x.id)) })),
    ...v.byNetwork.map((x) => ({ what: `theme ${x.id} (all time)`, cell: x.cell, pred: inTheme((f) => f.networkId === x.id) })),
    ...v.byHub.map((x) => ({ what: `theme ${x.id} (all time)`, cell: x.cell, pred: inTheme((f) => f.hubIds.includes(x.id)) })),
    ...v.byGroup.map((x) => ({ what: `theme ${x.id} (all time)`, cell: x.cell, pred: inTheme((f) => f.groups.includes(x.id)) })),
    ...v.byMonth.map((x) => ({ what: `theme ${x.month}`, cell: x.cell, pred: inTheme(all), months: [x.month] })),
  ];
}

function themeListNumbers(config: TenantConfig, period: Period, comments: Comment[], network?: string): Shown[] {
  const v = views.themes(config, period, 'now', [themeOf(comments)], network ? { network } : {});
  const pred = inTheme((f) => !network || f.networkId === network);
  return v.themes.flatMap((t) => [
    { what: `theme list ${network ?? ''} now`, cell: t.size, pred, months: period.months },
    { what: `theme list ${network ?? ''} before`, cell: t.previous, pred, months: period.previous.months },
    { what: `theme list ${network ?? ''} all time`, cell: t.allTime, pred, months: themeSpan(comments) },
  ]);
}

/** What the cell key method publishes for exactly these comments: over months (canonical blocks), or the all-time block. */
function expected(comments: Comment[], s: Shown, threshold: number): number | null {
  return publishedFor(comments.filter(s.pred), s.months, threshold);
}

const periodArb = fc.oneof(
  fc.tuple(fc.nat(23), fc.nat(23)).map(([a, b]) => resolvePeriod({ period: 'custom', from: MONTHS[Math.min(a, b)]!, to: MONTHS[Math.max(a, b)]! }, '2027-01-01')),
  fc.constantFrom(2024, 2025, 2026).map((year) => resolvePeriod({ period: 'year', year }, '2027-01-01')),
  fc.tuple(fc.constantFrom(2024, 2025, 2026), fc.integer({ min: 1, max: 4 })).map(([year, quarter]) => resolvePeriod({ period: 'quarter', year, quarter }, '2027-01-01')),
  fc.nat(23).map((i) => resolvePeriod({ period: 'last-12-months' }, `${MONTHS[i]}-15`)),
);

const dataSets = fc
  .tuple(fc.array(commentArb, { minLength: 5, maxLength: 120 }), fc.constantFrom(5, 10), fc.array(periodArb, { minLength: 2, maxLength: 4 }))
  .map(([cs, threshold, periods]) => ({ comments: cs.map(toFeedback), threshold, periods }));

function everyNumber(config: TenantConfig, period: Period, comments: Comment[]): Shown[] {
  return [
    ...overviewNumbers(config, period, comments),
    ...heatmapNumbers(config, period, comments, {}),
    ...heatmapNumbers(config, period, comments, { network: 'n1' }),
    ...heatmapNumbers(config, period, comments, { group: 'g1' }),
    ...heatmapNumbers(config, period, comments, { group: 'g2', network: 'n1' }),
    ...voiceNumbers(config, period, comments),
    ...trendNumbers(config, period, comments),
    ...themeNumbers(config, period, comments),
    ...themeListNumbers(config, period, comments),
    ...themeListNumbers(config, period, comments, 'n2'),
  ];
}

const runs = Number(process.env.PV_PROPERTY_RUNS ?? 100);

describe('partner views under the cell key method', () => {
  it('show for every number the cell key value of exactly the comments it counts', () => {
    fc.assert(
      fc.property(dataSets, ({ comments, threshold, periods }) => {
        const config = configWith(threshold);
        for (const period of periods) {
          for (const s of everyNumber(config, period, comments)) expect(s.cell.count, `${s.what}, ${period.label}`).toBe(expected(comments, s, threshold));
        }
      }),
      { numRuns: runs },
    );
  });

  it('publish the same value for the same set of comments in every view, period and filter', () => {
    let sameSetsSeen = 0;
    fc.assert(
      fc.property(dataSets, ({ comments, threshold, periods }) => {
        const config = configWith(threshold);
        const seen = new Map<string, { value: number | null; what: string }>();
        for (const period of periods) {
          for (const s of everyNumber(config, period, comments)) {
            if (!s.months) continue; // the all-time block: one more canonical block (see cell-key.ts)
            const ids = comments.filter((f) => s.pred(f) && s.months!.includes(periodOf(f.receivedOn))).map((f) => f.id).sort().join(',');
            const before = seen.get(ids);
            if (!before) {
              seen.set(ids, { value: s.cell.count, what: `${s.what}, ${period.label}` });
              continue;
            }
            sameSetsSeen++;
            expect(s.cell.count, `${s.what}, ${period.label} vs ${before.what}`).toBe(before.value);
          }
        }
      }),
      { numRuns: runs },
    );
    // The test must have compared something: many numbers count the same comments by other routes.
    expect(sameSetsSeen).toBeGreaterThan(1000);
  });

  it('list a theme under a network only when its changed count for that network is shown, never because one comment came from there', () => {
    fc.assert(
      fc.property(dataSets, ({ comments, threshold, periods }) => {
        const config = configWith(threshold);
        for (const period of periods) {
          const listed = views.themes(config, period, 'now', [themeOf(comments)], { network: 'n1' }).themes.length > 0;
          const months = period.months;
          const inN1 = comments.filter((f) => inTheme((x) => x.networkId === 'n1')(f) && months.includes(periodOf(f.receivedOn)));
          expect(listed).toBe(publishedValue(inN1, months) >= threshold);
        }
      }),
      { numRuns: runs },
    );
  });
});

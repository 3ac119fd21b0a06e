import type { ActionStatus } from '@pv/shared/action.schema';
import type { TenantConfig } from '@pv/shared/config.schema';
import { conversationChannelLabels } from '@pv/shared/consultation.schema';
import { perturb, perturbOverMonths, shown, tallyIn, type Tally } from '@pv/shared/cell-key';
import type { Theme } from '@pv/shared/feedback.schema';
import {
  monthLabel,
  monthsBetween,
  type HeatmapRow,
  type InsightCell,
  type InsightHeatmap,
  type InsightMeta,
  type InsightOverview,
  type InsightTheme,
  type InsightThemeDetail,
  type InsightThemes,
  type InsightTrends,
  type InsightVoice,
  type LoopClosure,
  type Period,
  type VoiceGap,
  type VoiceGroup,
  type VoiceShare,
} from '@pv/shared/insight.schema';
import type { RepresentationView } from '@pv/shared/panel.schema';
import { responseChannelLabels } from '@pv/shared/survey.schema';

/**
 * The partner views, worked out from counters only (no I/O here: `insight.service.ts` reads, these
 * build). Every count about people is published through the cell key method: changed a little, the
 * same way for the same people in every view, period and page, so no view, and no set of views, can
 * be played off against another to work out a small number. Tables need not add up. Counts of themes,
 * actions and consultations are not about people and are shown as they are.
 */

type Counts = Map<string, number>;

/** The feedback counters behind a view: cell → count and `<cell>~k` → key sum, for each month of the period. */
export type CountersByMonth = Map<string, Counts>;

/**
 * Counts about people, published through the cell key method (`shared/src/cell-key.ts`): each count
 * is changed a little, the same way for the same people in every view and period, and one under the
 * threshold is shown as null ("fewer than 5"). `tallyOf(cell, month)` reads a cell's count and key sum
 * for one month; a period's number is the sum of its canonical blocks'.
 */
class Published {
  private readonly values = new Map<string, number>();

  constructor(
    private readonly threshold: number,
    private readonly months: readonly string[],
    private readonly tallyOf: (cell: string, month: string) => Tally,
  ) {}

  /** The changed count (before the threshold), worked out once per cell. */
  value(cell: string): number {
    let v = this.values.get(cell);
    if (v === undefined) this.values.set(cell, (v = perturbOverMonths(this.months, (m) => this.tallyOf(cell, m))));
    return v;
  }

  /** The cell as a partner sees it; `of` makes a share of another cell (null if either is under the threshold). */
  cell(id: string, of?: string): InsightCell {
    return cellOf(this.value(id), of === undefined ? undefined : this.value(of), this.threshold);
  }
}

/** A published count (and what it is a share of) as a partner sees it. */
function cellOf(value: number, of: number | undefined, threshold: number): InsightCell {
  const count = shown(value, threshold);
  if (of === undefined) return { count };
  return { count, sharePercent: count === null || shown(of, threshold) === null ? null : percent(value, of) };
}

/** Counts from the feedback counters of each month of the period. */
function feedbackCounts(config: TenantConfig, period: Period, byMonth: CountersByMonth): Published {
  return new Published(config.tenant.suppressionThreshold, period.months, (cell, m) => tallyIn(byMonth.get(m), cell));
}

/** A theme's counts from the months on its item (`m:<month>`, or `m:<month>|n:<network>` for one network). */
function themeCounts(config: TenantConfig, months: readonly string[], th: Pick<Theme, 'counts'>): Published {
  return new Published(config.tenant.suppressionThreshold, months, (cell, m) => tallyIn(th.counts, cell === '*' ? `m:${m}` : `m:${m}|${cell}`));
}

/** A theme's all-time count for a cell with no months behind it (`p:`, `n:`, `h:`, `g:`): the all-time block. */
function allTime(th: Pick<Theme, 'counts'>, cell: string): number {
  return perturb(tallyIn(th.counts, cell));
}

export function percent(n: number, of: number): number {
  return of > 0 ? Math.round((n / of) * 1000) / 10 : 0;
}

function meta(config: TenantConfig, period: Period, readAt: string): InsightMeta {
  return { period, threshold: config.tenant.suppressionThreshold, readAt };
}

const active = <T extends { status: string }>(items: T[]) => items.filter((i) => i.status === 'active');

/** Adds up monthly counts of things that are not people (actions, consultations) over the period's months. */
export function sumMonths(byMonth: Map<string, Counts>, months: string[]): Counts {
  const out: Counts = new Map();
  for (const m of months) for (const [k, v] of byMonth.get(m) ?? []) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Overview

export interface ThemeFacts extends Pick<Theme, 'id' | 'name' | 'description' | 'counts' | 'actionIds' | 'firstActionOn'> {
  /** Status of the newest published action from it, if any. */
  actionStatus: ActionStatus | null;
}

export function overview(
  config: TenantConfig,
  period: Period,
  readAt: string,
  counters: CountersByMonth,
  actions: Counts,
  consultations: Counts,
  themes: ThemeFacts[],
): InsightOverview {
  const t = feedbackCounts(config, period, counters);
  const total = '*|*|*';
  const channels = [...new Set([...Object.keys(responseChannelLabels), ...Object.keys(conversationChannelLabels)])];
  const channelLabel = (c: string) => (responseChannelLabels as Record<string, string>)[c] ?? (conversationChannelLabels as Record<string, string>)[c] ?? c;
  // Channels are listed by their changed count, so a listed channel says nothing the number doesn't.
  const byChannel = channels.filter((c) => t.value(`ch:${c}`) > 0);
  return {
    ...meta(config, period, readAt),
    feedback: t.cell(total),
    byChannel: byChannel.map((c) => ({ channel: c, label: channelLabel(c), cell: t.cell(`ch:${c}`, total) })),
    bySource: (['survey', 'conversation'] as const).map((s) => ({ source: s, label: s === 'survey' ? 'Survey answers' : 'Conversations logged by officers', cell: t.cell(`src:${s}`, total) })),
    consultationsOpened: actionsOrZero(consultations.get('opened')),
    actionsPublished: actionsOrZero(actions.get('pub')),
    actionsDone: actionsOrZero(actions.get('done')),
    loop: loopClosure(themes, period.months),
  };
}

const actionsOrZero = (n: number | undefined) => Math.max(0, n ?? 0);

/** The 15th of a month: where a comment from that month is taken to have come in. */
const midMonth = (m: string) => Date.parse(`${m}-15T00:00:00Z`);

/**
 * Themes holding counted comments from these months (optionally about one priority), how many of
 * them have a published action, and the median days from comment to that action.
 */
export function loopClosure(themes: ThemeFacts[], months: string[], priorityId?: string): LoopClosure {
  // Themes and actions are not people: which themes had comments in a period, and the median wait, are
  // worked out from the true counts (the median is of days, and no count of people is shown).
  const monthly = (th: ThemeFacts, m: string) => th.counts[`m:${m}`] ?? 0;
  const inPeriod = themes.filter((th) => months.some((m) => monthly(th, m) > 0) && (!priorityId || (th.counts[`p:${priorityId}`] ?? 0) > 0));
  const answered = inPeriod.filter((th) => th.firstActionOn);
  const waits: [days: number, weight: number][] = [];
  for (const th of answered) {
    const on = Date.parse(`${th.firstActionOn}T00:00:00Z`);
    for (const m of months) {
      const n = monthly(th, m);
      // Comments that came after the action already had their answer: no wait to count.
      if (n > 0 && midMonth(m) <= on) waits.push([Math.round((on - midMonth(m)) / 86400_000), n]);
    }
  }
  return {
    themes: inPeriod.length,
    answered: answered.length,
    ratePercent: inPeriod.length ? Math.round((answered.length / inPeriod.length) * 100) : null,
    medianDays: weightedMedian(waits),
  };
}

export function weightedMedian(values: [number, number][]): number | null {
  const total = values.reduce((s, [, w]) => s + w, 0);
  if (!total) return null;
  const sorted = [...values].sort((a, b) => a[0] - b[0]);
  let seen = 0;
  for (const [v, w] of sorted) {
    seen += w;
    if (seen * 2 >= total) return v;
  }
  return sorted[sorted.length - 1]![0];
}

// ---------------------------------------------------------------------------------------------
// Heatmap: priority × hub network (or the hubs of one network)

/**
 * Feedback by priority × hub network (or the hubs of one network), for everyone or one group. Hubs
 * only without a group (group × hub is too small to say anything). Every number, totals included, is
 * published on its own: the same comments give the same number here, on the voice page and anywhere else.
 */
export function heatmap(config: TenantConfig, period: Period, readAt: string, counters: CountersByMonth, filter: { network?: string; group?: string }): InsightHeatmap {
  const t = feedbackCounts(config, period, counters);
  const g = filter.group ? `g:${filter.group}` : '*';
  const priorities = active(config.priority);
  const networks = active(config.hubNetwork);
  const withHubs = !filter.group;
  const hubsOf = (n: string) => active(config.hub).filter((h) => h.networkId === n);
  const id = (p: string, place: string) => `${p}|${place}|${g}`;

  // Hubs only without a group: with one, a chosen network is let go (the columns stay networks).
  const network = filter.network && withHubs ? networks.find((n) => n.id === filter.network) : undefined;
  const columns = network ? hubsOf(network.id).map((h) => ({ id: h.id, name: h.name, place: `h:${h.id}` })) : networks.map((n) => ({ id: n.id, name: n.name, place: `n:${n.id}` }));
  const parent = network ? `n:${network.id}` : '*';
  const rows: HeatmapRow[] = priorities.map((p) => ({
    priorityId: p.id,
    name: p.name,
    total: t.cell(id(`p:${p.id}`, parent), id('*', parent)),
    cells: columns.map((c) => {
      const cell = t.cell(id(`p:${p.id}`, c.place), id('*', c.place));
      return { ...cell, level: level(cell.sharePercent) };
    }),
  }));
  const group = filter.group ? config.group.find((x) => x.id === filter.group) : undefined;
  return {
    ...meta(config, period, readAt),
    scope: network ? { kind: 'hubs', networkId: network.id, networkName: network.name } : { kind: 'networks' },
    ...(group ? { group: { id: group.id, name: group.name } } : {}),
    columns: columns.map((c) => ({ id: c.id, name: c.name, total: t.cell(id('*', c.place)) })),
    rows,
    total: t.cell(id('*', parent)),
  };
}

/** How dark a cell is, from its share of the column: a cue beside the number, never instead of it. */
export function level(share: number | null | undefined): 0 | 1 | 2 | 3 | 4 {
  if (share === null || share === undefined || share === 0) return 0;
  if (share < 10) return 1;
  if (share < 25) return 2;
  if (share < 45) return 3;
  return 4;
}

// ---------------------------------------------------------------------------------------------
// Whose voice

export function voice(config: TenantConfig, period: Period, readAt: string, counters: CountersByMonth, representation: RepresentationView[], panelNetworks: Map<string, string>): InsightVoice {
  const threshold = config.tenant.suppressionThreshold;
  const t = feedbackCounts(config, period, counters);
  const groups = active(config.group);
  const priorities = active(config.priority);
  const networks = active(config.hubNetwork);
  const c = (p: string, place: string, g: string) => `${p}|${place}|${g}`;

  // Members: the representation view publishes them through the same method (counted as they are now).
  const tenantRep = representation.find((v) => v.scope.kind === 'tenant');
  const members = !tenantRep ? 0 : tenantRep.members.suppressed ? null : (tenantRep.members.count ?? 0);
  const memberShare = (rep: RepresentationView | undefined, groupId: string): InsightCell | undefined => {
    const row = rep?.rows.find((r) => r.groupId === groupId);
    if (!row) return undefined;
    return row.suppressed ? { count: null, sharePercent: null } : { count: row.count ?? 0, sharePercent: row.sharePercent ?? 0 };
  };
  const baselineFor = (groupId: string, district?: string) =>
    config.baseline.find((b) => b.status === 'active' && b.groupId === groupId && district !== undefined && b.area === district) ??
    config.baseline.find((b) => b.status === 'active' && b.groupId === groupId && b.area === 'all');
  const withBaseline = (share: VoiceShare, groupId: string, district?: string): VoiceShare => {
    const b = baselineFor(groupId, district);
    return b ? { ...share, baselinePercent: b.sharePercent, baselineSource: b.source, illustrative: b.illustrative } : share;
  };

  const out: VoiceGroup[] = groups.map((g) => {
    const gid = `g:${g.id}`;
    return {
      groupId: g.id,
      name: g.name,
      ...withBaseline({ feedback: t.cell(c('*', '*', gid), c('*', '*', '*')), ...optional('members', memberShare(tenantRep, g.id)) }, g.id),
      byPriority: priorities.map((p) => ({ priorityId: p.id, name: p.name, ...withBaseline({ feedback: t.cell(c(`p:${p.id}`, '*', gid), c(`p:${p.id}`, '*', '*')) }, g.id) })),
      byNetwork: networks.map((n) => {
        // A network's members: its panels' representation rows, when there is exactly one panel for it.
        const panels = [...panelNetworks].filter(([, net]) => net === n.id).map(([panelId]) => panelId);
        const rep = panels.length === 1 ? representation.find((v) => v.scope.kind === 'panel' && v.scope.panelId === panels[0]) : undefined;
        return {
          networkId: n.id,
          name: n.name,
          ...withBaseline({ feedback: t.cell(c('*', `n:${n.id}`, gid), c('*', `n:${n.id}`, '*')), ...optional('members', memberShare(rep, g.id)) }, g.id, n.district),
        };
      }),
    };
  });
  return { ...meta(config, period, readAt), feedback: t.cell(c('*', '*', '*')), members, groups: out, gaps: gaps(out, threshold) };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * The biggest gaps between a group's share of the feedback and its share of the population, in
 * plain words, largest first (only where the share is shown, and the baseline is known).
 */
export function gaps(groups: VoiceGroup[], threshold: number, limit = 8): VoiceGap[] {
  const out: VoiceGap[] = [];
  const say = (g: VoiceGroup, share: VoiceShare, where: string) => {
    if (share.baselinePercent === undefined) return;
    const s = share.feedback.sharePercent;
    if (s === null || s === undefined) {
      // Fewer than the threshold (or its total is): still a gap worth naming, without the number (ranked
      // as half the population share: how big the gap is can't be known, and a known gap says more).
      if (share.feedback.count === null && share.baselinePercent >= 10) {
        out.push({ groupId: g.groupId, gapPoints: share.baselinePercent / 2, text: `${g.name} gave fewer than ${threshold} comments ${where}; they are about ${fmt(share.baselinePercent)}% of parents.` });
      }
      return;
    }
    const gap = share.baselinePercent - s;
    if (gap > 0 && s < share.baselinePercent / 2) {
      out.push({ groupId: g.groupId, gapPoints: Math.round(gap * 10) / 10, text: `${g.name} gave ${fmt(s)}% of feedback ${where}; they are about ${fmt(share.baselinePercent)}% of parents.` });
    }
  };
  for (const g of groups) {
    say(g, g, 'overall');
    for (const p of g.byPriority) say(g, p, `on ${lowerFirst(p.name)}`);
    for (const n of g.byNetwork) say(g, n, `in ${n.name}`);
  }
  // The biggest first, at most two a group, so one group's gap in every network doesn't crowd out the rest.
  const perGroup = new Map<string, number>();
  return out
    .sort((a, b) => b.gapPoints - a.gapPoints || a.text.localeCompare(b.text))
    .filter((g) => {
      const n = (perGroup.get(g.groupId) ?? 0) + 1;
      perGroup.set(g.groupId, n);
      return n <= 2;
    })
    .slice(0, limit);
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

// ---------------------------------------------------------------------------------------------
// Themes

/** Every month a theme has comments in, first to last (for its all-time size). */
function themeMonths(th: Pick<Theme, 'counts'>): string[] {
  const months = Object.keys(th.counts)
    .filter((c) => /^m:\d{4}-\d{2}$/.test(c) && (th.counts[c] ?? 0) > 0)
    .map((c) => c.slice(2))
    .sort();
  return months.length ? monthsBetween(months[0]!, months.at(-1)!) : [];
}

/** Names of the items a theme has at least `threshold` comments in, by the changed all-time count (a group or network named only then). */
function named<T extends { id: string; name: string }>(items: T[], th: Pick<Theme, 'counts'>, prefix: string, threshold: number) {
  return items.filter((i) => allTime(th, `${prefix}:${i.id}`) >= threshold).map((i) => ({ id: i.id, name: i.name }));
}

/**
 * One theme's row: its size in the period, in the period before, and over all time, each the sum of
 * its canonical blocks (so "all time" and a period holding every month agree). `cell` is `*` for the
 * whole theme, or `n:<network>` for one network's comments in it.
 */
function themeRow(config: TenantConfig, period: Period, th: ThemeFacts, cell = '*'): InsightTheme {
  const threshold = config.tenant.suppressionThreshold;
  const now = themeCounts(config, period.months, th);
  const before = themeCounts(config, period.previous.months, th);
  const ever = themeCounts(config, themeMonths(th), th);
  const size = now.cell(cell);
  const previous = before.cell(cell);
  return {
    id: th.id,
    name: th.name,
    description: th.description,
    size,
    previous,
    growthPercent: size.count !== null && previous.count !== null && previous.count > 0 ? Math.round(((size.count - previous.count) / previous.count) * 100) : null,
    allTime: ever.cell(cell),
    priorities: active(config.priority).filter((p) => allTime(th, `p:${p.id}`) > 0).map((p) => ({ id: p.id, name: p.name })),
    networks: named(active(config.hubNetwork), th, 'n', threshold),
    groups: named(active(config.group), th, 'g', threshold),
    actionStatus: th.actionStatus,
  };
}

/**
 * The period's themes, biggest first, then fastest growing. Without a network: every theme with
 * comments in the period (about the priority, if one is chosen) — a fact about the theme, the same one
 * the overview's loop closure counts. Filtered by a network, every count is of that network's comments
 * only, and a theme is listed only when that count is shown (at least the threshold): listing it for
 * "one or more" would say "someone from this network said this" (a changed count of 0 is always a true 0).
 */
export function themes(config: TenantConfig, period: Period, readAt: string, all: ThemeFacts[], filter: { priority?: string; network?: string }): InsightThemes {
  const network = filter.network ? config.hubNetwork.find((n) => n.id === filter.network) : undefined;
  const cell = network ? `n:${network.id}` : '*';
  const inPeriod = (th: ThemeFacts) => period.months.some((m) => (th.counts[`m:${m}`] ?? 0) > 0);
  const chosen = all.filter(
    (th) =>
      (network ? themeCounts(config, period.months, th).value(cell) >= config.tenant.suppressionThreshold : inPeriod(th)) &&
      (!filter.priority || (th.counts[`p:${filter.priority}`] ?? 0) > 0),
  );
  const rows = chosen.map((th) => themeRow(config, period, th, cell));
  // Order by what is shown (numbers under the threshold last), then growth, then name.
  rows.sort((a, b) => (b.size.count ?? -1) - (a.size.count ?? -1) || (b.growthPercent ?? -1e9) - (a.growthPercent ?? -1e9) || a.name.localeCompare(b.name));
  return { ...meta(config, period, readAt), ...(network ? { network: { id: network.id, name: network.name } } : {}), themes: rows };
}

/**
 * One theme: its size, its comments month by month over the period, and its spread by priority,
 * network, hub and group over all time (the theme keeps those without months, so they say "all time").
 */
export function themeDetail(
  config: TenantConfig,
  period: Period,
  readAt: string,
  th: ThemeFacts,
  actions: InsightThemeDetail['actions'],
  quotes: InsightThemeDetail['quotes'],
): InsightThemeDetail {
  const threshold = config.tenant.suppressionThreshold;
  const ever = themeCounts(config, themeMonths(th), th).value('*');
  const spread = <T extends { id: string; name: string }>(items: T[], prefix: string) =>
    items.map((i) => ({ id: i.id, name: i.name, cell: cellOf(allTime(th, `${prefix}:${i.id}`), ever, threshold) }));
  const month = (m: string) => themeCounts(config, [m], th).cell('*');
  return {
    ...meta(config, period, readAt),
    theme: themeRow(config, period, th),
    breakdowns: 'all-time',
    byPriority: spread(active(config.priority), 'p'),
    byNetwork: spread(active(config.hubNetwork), 'n'),
    byHub: spread(active(config.hub), 'h'),
    byGroup: spread(active(config.group), 'g'),
    byMonth: period.months.map((m) => ({ month: m, label: monthLabel(m), cell: month(m) })),
    actions,
    quotes,
  };
}

// ---------------------------------------------------------------------------------------------
// Trends

/** Feedback per month for the partnership and each priority, and loop closure per month. */
export function trends(config: TenantConfig, period: Period, readAt: string, byMonth: CountersByMonth, all: ThemeFacts[]): InsightTrends {
  const t = feedbackCounts(config, period, byMonth);
  const month = (cell: string, m: string) => feedbackCounts(config, { ...period, months: [m] }, byMonth).cell(cell);
  const priorities = active(config.priority);
  const series = [{ id: null as string | null, name: 'All feedback', cell: '*' }, ...priorities.map((p) => ({ id: p.id as string | null, name: p.name, cell: `p:${p.id}` }))];
  return {
    ...meta(config, period, readAt),
    series: series.map((s) => ({
      priorityId: s.id,
      name: s.name,
      total: t.cell(`${s.cell}|*|*`),
      points: period.months.map((m) => {
        const loop = loopClosure(all, [m], s.id ?? undefined);
        return { month: m, label: monthLabel(m, true), feedback: month(`${s.cell}|*|*`, m), loop: { themes: loop.themes, answered: loop.answered, ratePercent: loop.ratePercent } };
      }),
    })),
  };
}

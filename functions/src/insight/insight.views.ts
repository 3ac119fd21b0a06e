import type { ActionStatus } from '@pv/shared/action.schema';
import type { TenantConfig } from '@pv/shared/config.schema';
import { conversationChannelLabels } from '@pv/shared/consultation.schema';
import { family, protect, type Relation } from '@pv/shared/disclosure';
import type { Theme } from '@pv/shared/feedback.schema';
import {
  monthLabel,
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
 * build). Each view puts every count about people it will show into one table, with the sums an
 * attacker knows hold between them (a priority's networks add up to the priority, a theme's months
 * to the theme…), and `protect` hides the small ones and whatever would give them away. Counts of
 * themes, actions and consultations are not about people and are shown as they are.
 */

type Counts = Map<string, number>;

/** One view's counts about people, the sums between them, and (after `seal`) which are hidden. */
class ViewTable {
  readonly values = new Map<string, number>();
  private readonly relations: Relation[] = [];
  private readonly shown = new Set<string>();
  private hidden = new Set<string>();
  private smallOnes = new Set<string>();

  constructor(private readonly threshold: number) {}

  /** A count the view will show (unless hidden). */
  add(id: string, value: number): string {
    this.values.set(id, value);
    this.shown.add(id);
    return id;
  }

  /** `total` is the sum of `parts` (plus whatever is in none of them); overlapping parts make no sum. */
  sum(total: string, parts: string[]): void {
    const r = family(total, parts, this.values);
    if (r) this.relations.push(r);
  }

  seal(): this {
    this.hidden = protect({ values: this.values, relations: this.relations }, this.shown, this.threshold);
    this.smallOnes = new Set([...this.hidden].filter((id) => (this.values.get(id) ?? 0) < this.threshold));
    return this;
  }

  isHidden(id: string): boolean {
    return this.hidden.has(id);
  }

  /** The cell as a partner sees it; `of` makes a share of another cell (null if either is hidden). */
  cell(id: string, of?: string): InsightCell {
    // A number the table was not told about has not been protected: never show it.
    if (!this.values.has(id) || (of !== undefined && !this.values.has(of))) throw new Error(`${id} is not in this view's table`);
    const count = this.values.get(id)!;
    const share = of === undefined ? undefined : this.isHidden(id) || this.isHidden(of) ? null : percent(count, this.values.get(of) ?? 0);
    if (this.isHidden(id)) return { count: null, hidden: this.smallOnes.has(id) ? 'small' : 'secondary', ...(of === undefined ? {} : { sharePercent: null }) };
    return { count, ...(share === undefined ? {} : { sharePercent: share }) };
  }
}

export function percent(n: number, of: number): number {
  return of > 0 ? Math.round((n / of) * 1000) / 10 : 0;
}

function meta(config: TenantConfig, period: Period, readAt: string): InsightMeta {
  return { period, threshold: config.tenant.suppressionThreshold, readAt };
}

const active = <T extends { status: string }>(items: T[]) => items.filter((i) => i.status === 'active');

/** Adds up the feedback counters of the period's months. */
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
  counts: Counts,
  actions: Counts,
  consultations: Counts,
  themes: ThemeFacts[],
): InsightOverview {
  const t = new ViewTable(config.tenant.suppressionThreshold);
  const total = t.add('*|*|*', counts.get('*|*|*') ?? 0);
  const channels = [...new Set([...Object.keys(responseChannelLabels), ...Object.keys(conversationChannelLabels)])];
  const channelLabel = (c: string) => (responseChannelLabels as Record<string, string>)[c] ?? (conversationChannelLabels as Record<string, string>)[c] ?? c;
  const byChannel = channels.filter((c) => (counts.get(`ch:${c}`) ?? 0) > 0).map((c) => ({ channel: c, id: t.add(`ch:${c}`, counts.get(`ch:${c}`) ?? 0) }));
  t.sum(total, byChannel.map((c) => c.id));
  const sources = (['survey', 'conversation'] as const).map((s) => ({ source: s, id: t.add(`src:${s}`, counts.get(`src:${s}`) ?? 0) }));
  t.sum(total, sources.map((s) => s.id));
  t.seal();
  return {
    ...meta(config, period, readAt),
    feedback: t.cell(total),
    byChannel: byChannel.map((c) => ({ channel: c.channel, label: channelLabel(c.channel), cell: t.cell(c.id, total) })),
    bySource: sources.map((s) => ({ source: s.source, label: s.source === 'survey' ? 'Survey answers' : 'Conversations logged by officers', cell: t.cell(s.id, total) })),
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
  const inPeriod = themes.filter((th) => months.some((m) => (th.counts[`m:${m}`] ?? 0) > 0) && (!priorityId || (th.counts[`p:${priorityId}`] ?? 0) > 0));
  const answered = inPeriod.filter((th) => th.firstActionOn);
  const waits: [days: number, weight: number][] = [];
  for (const th of answered) {
    const on = Date.parse(`${th.firstActionOn}T00:00:00Z`);
    for (const m of months) {
      const n = th.counts[`m:${m}`] ?? 0;
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
 * Every count the heatmap can show for one group (or everyone), at every level — networks and all
 * hubs — in one table, so the drill-down into a network and the network view hide the same cells
 * and can't be played off against each other. Hubs only without a group (group × hub is too small
 * to say anything).
 */
export function heatmap(config: TenantConfig, period: Period, readAt: string, counts: Counts, filter: { network?: string; group?: string }): InsightHeatmap {
  const t = new ViewTable(config.tenant.suppressionThreshold);
  const g = filter.group ? `g:${filter.group}` : '*';
  const priorities = active(config.priority);
  const networks = active(config.hubNetwork);
  const withHubs = !filter.group;
  const hubsOf = (n: string) => active(config.hub).filter((h) => h.networkId === n);
  const places = ['*', ...networks.map((n) => `n:${n.id}`), ...(withHubs ? networks.flatMap((n) => hubsOf(n.id).map((h) => `h:${h.id}`)) : [])];
  const id = (p: string, place: string) => `${p}|${place}|${g}`;
  for (const p of ['*', ...priorities.map((x) => `p:${x.id}`)]) {
    for (const place of places) t.add(id(p, place), counts.get(id(p, place)) ?? 0);
    t.sum(id(p, '*'), networks.map((n) => id(p, `n:${n.id}`)));
    if (withHubs) for (const n of networks) t.sum(id(p, `n:${n.id}`), hubsOf(n.id).map((h) => id(p, `h:${h.id}`)));
  }
  for (const place of places) t.sum(id('*', place), priorities.map((x) => id(`p:${x.id}`, place)));
  t.seal();

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

export function voice(config: TenantConfig, period: Period, readAt: string, counts: Counts, representation: RepresentationView[], panelNetworks: Map<string, string>): InsightVoice {
  const threshold = config.tenant.suppressionThreshold;
  const t = new ViewTable(threshold);
  const groups = active(config.group);
  const priorities = active(config.priority);
  const networks = active(config.hubNetwork);
  const gs = ['*', ...groups.map((g) => `g:${g.id}`)];
  const ps = ['*', ...priorities.map((p) => `p:${p.id}`)];
  const ns = networks.map((n) => `n:${n.id}`);
  const c = (p: string, place: string, g: string) => `${p}|${place}|${g}`;
  for (const g of gs) {
    for (const p of ps) t.add(c(p, '*', g), counts.get(c(p, '*', g)) ?? 0);
    for (const n of ns) t.add(c('*', n, g), counts.get(c('*', n, g)) ?? 0);
    t.sum(c('*', '*', g), ps.slice(1).map((p) => c(p, '*', g)));
    t.sum(c('*', '*', g), ns.map((n) => c('*', n, g)));
  }
  for (const p of ps) t.sum(c(p, '*', '*'), gs.slice(1).map((g) => c(p, '*', g)));
  for (const n of ns) t.sum(c('*', n, '*'), gs.slice(1).map((g) => c('*', n, g)));
  t.seal();

  // Members: the representation view already hides small numbers (its own table, counted as they are now).
  const tenantRep = representation.find((v) => v.scope.kind === 'tenant');
  const members = tenantRep?.members.count ?? 0;
  const memberShare = (rep: RepresentationView | undefined, groupId: string): InsightCell | undefined => {
    const row = rep?.rows.find((r) => r.groupId === groupId);
    if (!row) return undefined;
    return row.suppressed ? { count: null, hidden: row.reason ?? 'small', sharePercent: null } : { count: row.count ?? 0, sharePercent: row.sharePercent ?? 0 };
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
      // Hidden because it is small: still a gap worth naming, without the number (ranked as half the
      // population share: how big the gap is can't be known, and a known gap says more).
      if (share.feedback.hidden === 'small' && share.baselinePercent >= 10) {
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

function themeSize(th: ThemeFacts, months: string[]): number {
  return months.reduce((s, m) => s + (th.counts[`m:${m}`] ?? 0), 0);
}

/** Names of the items a theme has at least `threshold` comments in (a group or network named only then). */
function named<T extends { id: string; name: string }>(items: T[], counts: Record<string, number>, prefix: string, threshold: number) {
  return items.filter((i) => (counts[`${prefix}:${i.id}`] ?? 0) >= threshold).map((i) => ({ id: i.id, name: i.name }));
}

function themeRow(config: TenantConfig, th: ThemeFacts, t: ViewTable, ids: { size: string; previous: string; all: string }): InsightTheme {
  const threshold = config.tenant.suppressionThreshold;
  const size = t.cell(ids.size);
  const previous = t.cell(ids.previous);
  return {
    id: th.id,
    name: th.name,
    description: th.description,
    size,
    previous,
    growthPercent: size.count !== null && previous.count !== null && previous.count > 0 ? Math.round(((size.count - previous.count) / previous.count) * 100) : null,
    allTime: t.cell(ids.all),
    priorities: active(config.priority).filter((p) => (th.counts[`p:${p.id}`] ?? 0) > 0).map((p) => ({ id: p.id, name: p.name })),
    networks: named(active(config.hubNetwork), th.counts, 'n', threshold),
    groups: named(active(config.group), th.counts, 'g', threshold),
    actionStatus: th.actionStatus,
  };
}

/**
 * The period's themes, biggest first, then fastest growing. Each theme's size in the period, the
 * period before and all time are months of the same theme, so they go in one table with those sums.
 */
export function themes(config: TenantConfig, period: Period, readAt: string, all: ThemeFacts[], filter: { priority?: string; network?: string }): InsightThemes {
  const t = new ViewTable(config.tenant.suppressionThreshold);
  const chosen = all.filter(
    (th) =>
      themeSize(th, period.months) > 0 &&
      (!filter.priority || (th.counts[`p:${filter.priority}`] ?? 0) > 0) &&
      (!filter.network || (th.counts[filter.priority ? `p:${filter.priority}|n:${filter.network}` : `n:${filter.network}`] ?? 0) > 0),
  );
  const rows = chosen.map((th) => {
    const ids = { size: `${th.id}|now`, previous: `${th.id}|before`, all: `${th.id}|all` };
    t.add(ids.size, themeSize(th, period.months));
    t.add(ids.previous, themeSize(th, period.previous.months));
    t.add(ids.all, th.counts['*'] ?? 0);
    // All time = this period + the one before + the rest (never shown).
    t.sum(ids.all, [ids.size, ids.previous]);
    return { th, ids };
  });
  t.seal();
  const out = rows.map(({ th, ids }) => ({ row: themeRow(config, th, t, ids) }));
  // Order by the true sizes would hint at hidden ones: order by what is shown (hidden last), then name.
  out.sort((a, b) => (b.row.size.count ?? -1) - (a.row.size.count ?? -1) || (b.row.growthPercent ?? -1e9) - (a.row.growthPercent ?? -1e9) || a.row.name.localeCompare(b.row.name));
  return { ...meta(config, period, readAt), themes: out.map((o) => o.row) };
}

/** One theme: its spread by priority, network, hub, group and month, each with the sums that hold between them. */
export function themeDetail(
  config: TenantConfig,
  period: Period,
  readAt: string,
  th: ThemeFacts,
  actions: InsightThemeDetail['actions'],
  quotes: InsightThemeDetail['quotes'],
): InsightThemeDetail {
  const t = new ViewTable(config.tenant.suppressionThreshold);
  const n = (cell: string) => th.counts[cell] ?? 0;
  const all = t.add(`${th.id}|all`, n('*'));
  const size = t.add(`${th.id}|now`, themeSize(th, period.months));
  const previous = t.add(`${th.id}|before`, themeSize(th, period.previous.months));
  t.sum(all, [size, previous]);
  const list = <T extends { id: string; name: string }>(items: T[], prefix: string) => items.map((i) => ({ id: i.id, name: i.name, cell: t.add(`${prefix}:${i.id}`, n(`${prefix}:${i.id}`)) }));
  const priorities = list(active(config.priority), 'p');
  const networks = list(active(config.hubNetwork), 'n');
  const hubs = list(active(config.hub), 'h');
  const groups = list(active(config.group), 'g');
  const months = period.months.map((m) => ({ month: m, label: monthLabel(m), cell: t.add(`m:${m}`, n(`m:${m}`)) }));
  t.sum(all, priorities.map((p) => p.cell));
  t.sum(all, networks.map((x) => x.cell));
  for (const net of active(config.hubNetwork)) t.sum(`n:${net.id}`, hubs.filter((h) => active(config.hub).find((x) => x.id === h.id)?.networkId === net.id).map((h) => h.cell));
  t.sum(all, groups.map((g) => g.cell));
  t.sum(size, months.map((m) => m.cell));
  t.seal();
  const show = (rows: { id: string; name: string; cell: string }[]) => rows.map((r) => ({ id: r.id, name: r.name, cell: t.cell(r.cell, all) }));
  return {
    ...meta(config, period, readAt),
    theme: themeRow(config, th, t, { size, previous, all }),
    byPriority: show(priorities),
    byNetwork: show(networks),
    byHub: show(hubs).filter((h) => h.cell.count !== 0),
    byGroup: show(groups),
    byMonth: months.map((m) => ({ month: m.month, label: m.label, cell: t.cell(m.cell) })),
    actions,
    quotes,
  };
}

// ---------------------------------------------------------------------------------------------
// Trends

/** Feedback per month for the partnership and each priority, and loop closure per month. */
export function trends(config: TenantConfig, period: Period, readAt: string, byMonth: Map<string, Counts>, all: ThemeFacts[]): InsightTrends {
  const t = new ViewTable(config.tenant.suppressionThreshold);
  const priorities = active(config.priority);
  const series = [{ id: null as string | null, name: 'All feedback', cell: '*' }, ...priorities.map((p) => ({ id: p.id as string | null, name: p.name, cell: `p:${p.id}` }))];
  const key = (s: string, m: string) => `${s}|${m}`;
  for (const s of series) {
    let total = 0;
    for (const m of period.months) {
      const v = byMonth.get(m)?.get(`${s.cell}|*|*`) ?? 0;
      total += v;
      t.add(key(s.cell, m), v);
    }
    t.add(key(s.cell, 'all'), total);
    t.sum(key(s.cell, 'all'), period.months.map((m) => key(s.cell, m)));
  }
  for (const m of [...period.months, 'all']) t.sum(key('*', m), priorities.map((p) => key(`p:${p.id}`, m)));
  t.seal();
  return {
    ...meta(config, period, readAt),
    series: series.map((s) => ({
      priorityId: s.id,
      name: s.name,
      total: t.cell(key(s.cell, 'all')),
      points: period.months.map((m) => {
        const loop = loopClosure(all, [m], s.id ?? undefined);
        return { month: m, label: monthLabel(m, true), feedback: t.cell(key(s.cell, m)), loop: { themes: loop.themes, answered: loop.answered, ratePercent: loop.ratePercent } };
      }),
    })),
  };
}

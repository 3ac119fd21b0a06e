import { actionStatusLabels } from '@pv/shared/action.schema';
import type { InsightCell, InsightHeatmap, InsightMeta, InsightOverview, InsightThemeDetail, InsightThemes, InsightTrends, InsightVoice } from '@pv/shared/insight.schema';
import { csvFile, type Cell } from '@pv/shared/survey-csv';
import { growthText } from '../insight.ts';

/**
 * The partner views as spreadsheets. survey-csv.ts makes the file (byte-order mark for Excel, every
 * cell quoted, text that looks like a formula made plain text). The first line says what the file
 * is, for which period, and that small numbers are hidden; a hidden number is written in words, as
 * on the page. Only aggregates reach these files: the views hold no personal data to leave out.
 */

/** A count, or the words for a hidden one. */
function count(cell: InsightCell, threshold: number): Cell {
  if (cell.count !== null) return cell.count;
  return cell.hidden === 'secondary' ? 'hidden' : `fewer than ${threshold}`;
}

/** A share in percent, or nothing when it is hidden or not given. */
const share = (cell: InsightCell | undefined): Cell => cell?.sharePercent ?? undefined;

function heading(what: string, partnership: string, view: InsightMeta): Cell[][] {
  const t = view.threshold;
  return [
    [
      `${what} – ${partnership} – ${view.period.label}. Numbers under ${t} are hidden and written as "fewer than ${t}"; numbers written as "hidden" are hidden so that a small number can't be worked out from the totals.`,
    ],
    [`Read on ${view.readAt.slice(0, 10)}. Totals only: no personal data.`],
    [],
  ];
}

export function overviewCsv(partnership: string, v: InsightOverview): string {
  const t = v.threshold;
  return csvFile([
    ...heading('Partnership insight: overview', partnership, v),
    ['measure', 'value', 'share (%)'],
    ['feedback received', count(v.feedback, t), undefined],
    ...v.byChannel.map((c): Cell[] => [`feedback by how: ${c.label}`, count(c.cell, t), share(c.cell)]),
    ...v.bySource.map((s): Cell[] => [`feedback from: ${s.label}`, count(s.cell, t), share(s.cell)]),
    ['consultations opened', v.consultationsOpened, undefined],
    ['actions published', v.actionsPublished, undefined],
    ['actions done', v.actionsDone, undefined],
    ['themes with feedback in the period', v.loop.themes, undefined],
    ['of those, with a published action', v.loop.answered, v.loop.ratePercent ?? undefined],
    ['median days from feedback to a published action', v.loop.medianDays ?? 'not known', undefined],
  ]);
}

export function heatmapCsv(partnership: string, v: InsightHeatmap): string {
  const t = v.threshold;
  const place = v.scope.kind === 'hubs' ? `Family Hubs of ${v.scope.networkName}` : 'hub networks';
  const what = `Partnership insight: comments by priority and ${place}${v.group ? `, ${v.group.name} only` : ''}`;
  const header: Cell[] = ['priority', ...v.columns.flatMap((c) => [c.name, `${c.name}: share of its feedback (%)`]), 'all'];
  return csvFile([
    ...heading(what, partnership, v),
    header,
    ...v.rows.map((r): Cell[] => [r.name, ...r.cells.flatMap((cell) => [count(cell, t), share(cell)]), count(r.total, t)]),
    ['all priorities', ...v.columns.flatMap((c) => [count(c.total, t), undefined]), count(v.total, t)],
  ]);
}

export function voiceCsv(partnership: string, v: InsightVoice): string {
  const t = v.threshold;
  const rows: Cell[][] = [];
  for (const g of v.groups) {
    const baseline = (b: { baselinePercent?: number; baselineSource?: string; illustrative?: boolean }): Cell[] => [
      b.baselinePercent,
      b.baselineSource,
      b.illustrative ? 'illustrative' : undefined,
    ];
    rows.push([g.name, 'all', count(g.feedback, t), share(g.feedback), g.members ? count(g.members, t) : undefined, share(g.members), ...baseline(g)]);
    for (const p of g.byPriority) rows.push([g.name, `priority: ${p.name}`, count(p.feedback, t), share(p.feedback), p.members ? count(p.members, t) : undefined, share(p.members), ...baseline(p)]);
    for (const n of g.byNetwork) rows.push([g.name, `hub network: ${n.name}`, count(n.feedback, t), share(n.feedback), n.members ? count(n.members, t) : undefined, share(n.members), ...baseline(n)]);
  }
  return csvFile([
    ...heading('Partnership insight: whose voice is missing', partnership, v),
    ...v.gaps.map((g): Cell[] => [`Gap: ${g.text}`]),
    ...(v.gaps.length ? [[]] : []),
    ['group', 'part', 'comments', 'share of comments (%)', 'panel members', 'share of panel members (%)', 'population (%)', 'source', 'figure'],
    ...rows,
  ]);
}

export function themesCsv(partnership: string, v: InsightThemes): string {
  const t = v.threshold;
  return csvFile([
    ...heading('Partnership insight: themes', partnership, v),
    ['theme', 'description', 'comments', `comments in ${v.period.previous.label}`, 'change', 'change (%)', 'comments since the theme began', 'priorities', 'hub networks', 'groups', 'you said, we did'],
    ...v.themes.map((th): Cell[] => [
      th.name,
      th.description,
      count(th.size, t),
      count(th.previous, t),
      growthText(th.growthPercent, th.previous),
      th.growthPercent ?? undefined,
      count(th.allTime, t),
      th.priorities.map((p) => p.name).join('; '),
      th.networks.map((n) => n.name).join('; '),
      th.groups.map((g) => g.name).join('; '),
      th.actionStatus ? actionStatusLabels[th.actionStatus] : 'no action published yet',
    ]),
  ]);
}

export function themeCsv(partnership: string, v: InsightThemeDetail): string {
  const t = v.threshold;
  const part = (name: string, rows: { name: string; cell: InsightCell }[]) => rows.map((r): Cell[] => [name, r.name, count(r.cell, t), share(r.cell)]);
  return csvFile([
    ...heading(`Partnership insight: the theme ‘${v.theme.name}’`, partnership, v),
    ['by', 'name', 'comments', 'share (%)'],
    ['theme', 'in this period', count(v.theme.size, t), undefined],
    ['theme', `in ${v.period.previous.label}`, count(v.theme.previous, t), undefined],
    ['theme', 'since the theme began', count(v.theme.allTime, t), undefined],
    ...part('priority', v.byPriority),
    ...part('hub network', v.byNetwork),
    ...part('Family Hub', v.byHub),
    ...part('group', v.byGroup),
    ...v.byMonth.map((m): Cell[] => ['month', m.label, count(m.cell, t), share(m.cell)]),
    [],
    ['you said', 'we did', 'status', 'published'],
    ...v.actions.map((a): Cell[] => [a.youSaid, a.weDid, actionStatusLabels[a.status], a.publishedOn]),
  ]);
}

export function trendsCsv(partnership: string, v: InsightTrends): string {
  const t = v.threshold;
  return csvFile([
    ...heading('Partnership insight: trends', partnership, v),
    ['series', 'month', 'comments', 'themes with feedback', 'of those, with a published action', 'loop closed (%)'],
    ...v.series.flatMap((s) => s.points.map((p): Cell[] => [s.name, p.label, count(p.feedback, t), p.loop.themes, p.loop.answered, p.loop.ratePercent ?? undefined])),
  ]);
}

/** The file as a download: never cached by anyone but the browser that asked. */
export function csvResponse(csv: string, filename: string): Response {
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
}

/** "t-notts-heatmap-2025-04-to-2026-03.csv" */
export const csvName = (tenantId: string, what: string, v: InsightMeta) => `${tenantId}-${what}-${v.period.from}-to-${v.period.to}.csv`;

import { actionStatusLabels } from '@pv/shared/action.schema';
import type { InsightCell, InsightHeatmap, InsightMeta, InsightOverview, InsightThemeDetail, InsightThemes, InsightTrends, InsightVoice, VoiceShare } from '@pv/shared/insight.schema';
import { csvFile, type Cell } from '@pv/shared/csv';
import { growthText } from '../insight.ts';
import { fewerThan, protectionPath } from '../protected-numbers.ts';

/**
 * The partner views as spreadsheets. survey-csv.ts makes the file (byte-order mark for Excel, every
 * cell quoted, text that looks like a formula made plain text). The first lines say what the file
 * is, for which period, that every count about people was changed a little by the cell key method,
 * and where to read about it. Number columns hold only numbers: a count under the threshold is left
 * empty, with "yes" in the column next to it ("comments: fewer than 5"), so a spreadsheet can add up
 * a column without tripping over words. Only aggregates reach these files: the views hold no
 * personal data to leave out.
 */

/** Who the file is for and where its readers can find out how the numbers are protected (a full URL). */
export interface CsvAbout {
  partnership: string;
  protectionUrl: string;
}

/** A count and its flag: [1234, ''] or ['', 'yes'] when the changed count is under the threshold. */
function count(cell: InsightCell | undefined): Cell[] {
  if (!cell) return [undefined, undefined];
  return cell.count === null ? [undefined, 'yes'] : [cell.count, undefined];
}

/** A count column's header and its flag's: ["comments", "comments: fewer than 5"]. */
const countHeader = (name: string, threshold: number): Cell[] => [name, `${name}: ${fewerThan(threshold)}`];

/** A share in percent, or nothing when it is not known (a count under the threshold) or not given. */
const share = (cell: InsightCell | undefined): Cell => cell?.sharePercent ?? undefined;

function heading(what: string, about: CsvAbout, view: InsightMeta): Cell[][] {
  const t = view.threshold;
  return [
    [`${what} – ${about.partnership} – ${view.period.label}.`],
    [
      `Every number about people is changed slightly by the cell key method, so that nobody can be picked out: totals may not be the sum of their rows. A changed number under ${t} is left empty, with "yes" in the column after it (its name ends "${fewerThan(t)}").`,
    ],
    [`How we protect these numbers: ${about.protectionUrl}`],
    [`Read on ${view.readAt.slice(0, 10)}. Totals only: no personal data.`],
    [],
  ];
}

export function overviewCsv(about: CsvAbout, v: InsightOverview): string {
  const t = v.threshold;
  /** A measure that is not about people: shown as it is, never under the threshold. */
  const exact = (measure: string, value: number | undefined, percent?: number | null): Cell[] => [measure, value, undefined, percent ?? undefined];
  return csvFile([
    ...heading('Partnership insight: overview', about, v),
    ['measure', ...countHeader('value', t), 'share (%)'],
    ['feedback received', ...count(v.feedback), undefined],
    ...v.byChannel.map((c): Cell[] => [`feedback by how: ${c.label}`, ...count(c.cell), share(c.cell)]),
    ...v.bySource.map((s): Cell[] => [`feedback from: ${s.label}`, ...count(s.cell), share(s.cell)]),
    exact('consultations opened', v.consultationsOpened),
    exact('actions published', v.actionsPublished),
    exact('actions done', v.actionsDone),
    exact('themes with feedback in the period', v.loop.themes),
    exact('of those, with a published action', v.loop.answered, v.loop.ratePercent),
    exact('median days from feedback to a published action (empty: not known yet)', v.loop.medianDays ?? undefined),
  ]);
}

export function heatmapCsv(about: CsvAbout, v: InsightHeatmap): string {
  const t = v.threshold;
  const place = v.scope.kind === 'hubs' ? `Family Hubs of ${v.scope.networkName}` : 'hub networks';
  const what = `Partnership insight: comments by priority and ${place}${v.group ? `, ${v.group.name} only` : ''}`;
  const header: Cell[] = ['priority', ...v.columns.flatMap((c) => [...countHeader(c.name, t), `${c.name}: share of its feedback (%)`]), ...countHeader('all', t)];
  return csvFile([
    ...heading(what, about, v),
    header,
    ...v.rows.map((r): Cell[] => [r.name, ...r.cells.flatMap((cell) => [...count(cell), share(cell)]), ...count(r.total)]),
    ['all priorities', ...v.columns.flatMap((c) => [...count(c.total), undefined]), ...count(v.total)],
  ]);
}

export function voiceCsv(about: CsvAbout, v: InsightVoice): string {
  const t = v.threshold;
  const rows: Cell[][] = [];
  const row = (group: string, part: string, s: VoiceShare): Cell[] => [
    group,
    part,
    ...count(s.feedback),
    share(s.feedback),
    ...count(s.members),
    share(s.members),
    s.baselinePercent,
    s.baselineSource,
    s.illustrative ? 'illustrative' : undefined,
  ];
  for (const g of v.groups) {
    rows.push(row(g.name, 'all', g));
    for (const p of g.byPriority) rows.push(row(g.name, `priority: ${p.name}`, p));
    for (const n of g.byNetwork) rows.push(row(g.name, `hub network: ${n.name}`, n));
  }
  return csvFile([
    ...heading('Partnership insight: whose voice is missing', about, v),
    ...v.gaps.map((g): Cell[] => [`Gap: ${g.text}`]),
    ...(v.gaps.length ? [[]] : []),
    ['group', 'part', ...countHeader('comments', t), 'share of comments (%)', ...countHeader('panel members', t), 'share of panel members (%)', 'population (%)', 'source', 'figure'],
    ...rows,
  ]);
}

export function themesCsv(about: CsvAbout, v: InsightThemes): string {
  const t = v.threshold;
  return csvFile([
    ...heading('Partnership insight: themes', about, v),
    [
      'theme',
      'description',
      ...countHeader('comments', t),
      ...countHeader(`comments in ${v.period.previous.label}`, t),
      'change',
      'change (%)',
      ...countHeader('comments since the theme began', t),
      'priorities',
      'hub networks',
      'groups',
      'you said, we did',
    ],
    ...v.themes.map((th): Cell[] => [
      th.name,
      th.description,
      ...count(th.size),
      ...count(th.previous),
      growthText(th.growthPercent, th.previous),
      th.growthPercent ?? undefined,
      ...count(th.allTime),
      th.priorities.map((p) => p.name).join('; '),
      th.networks.map((n) => n.name).join('; '),
      th.groups.map((g) => g.name).join('; '),
      th.actionStatus ? actionStatusLabels[th.actionStatus] : 'no action published yet',
    ]),
  ]);
}

export function themeCsv(about: CsvAbout, v: InsightThemeDetail): string {
  const t = v.threshold;
  const since = v.breakdowns === 'all-time' ? ' (all time)' : '';
  const part = (name: string, rows: { name: string; cell: InsightCell }[]) => rows.map((r): Cell[] => [`${name}${since}`, r.name, ...count(r.cell), share(r.cell)]);
  return csvFile([
    ...heading(`Partnership insight: the theme ‘${v.theme.name}’`, about, v),
    ['by', 'name', ...countHeader('comments', t), 'share (%)'],
    ['theme', 'in this period', ...count(v.theme.size), undefined],
    ['theme', `in ${v.period.previous.label}`, ...count(v.theme.previous), undefined],
    ['theme', 'since the theme began', ...count(v.theme.allTime), undefined],
    ...part('priority', v.byPriority),
    ...part('hub network', v.byNetwork),
    ...part('Family Hub', v.byHub),
    ...part('group', v.byGroup),
    ...v.byMonth.map((m): Cell[] => ['month', m.label, ...count(m.cell), share(m.cell)]),
    [],
    ['you said', 'we did', 'status', 'published'],
    ...v.actions.map((a): Cell[] => [a.youSaid, a.weDid, actionStatusLabels[a.status], a.publishedOn]),
  ]);
}

export function trendsCsv(about: CsvAbout, v: InsightTrends): string {
  const t = v.threshold;
  return csvFile([
    ...heading('Partnership insight: trends', about, v),
    ['series', 'month', ...countHeader('comments', t), 'themes with feedback', 'of those, with a published action', 'loop closed (%)'],
    ...v.series.flatMap((s) => s.points.map((p): Cell[] => [s.name, p.label, ...count(p.feedback), p.loop.themes, p.loop.answered, p.loop.ratePercent ?? undefined])),
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

/**
 * A file name that says the view, its filters and its period, so two downloads never share one:
 * "notts-heatmap-networks-group-dads-partners-2025-04-to-2026-03.csv". `parts` are the view and its
 * filters as `[name, value]` pairs (a pair with no value is left out); every value is a checked slug
 * or id, so the name needs no escaping.
 */
export function csvName(tenantId: string, view: string, parts: [string, string | undefined][], v: InsightMeta): string {
  const filters = parts.flatMap(([name, value]) => (value ? [`${name}-${value}`] : []));
  return [tenantId, view, ...filters, `${v.period.from}-to-${v.period.to}`].join('-') + '.csv';
}

/** "heatmap-networks…" or "heatmap-hubs-mansfield…": the heatmap's columns are networks, or one network's hubs. */
export const heatmapName = (tenantId: string, v: InsightHeatmap) =>
  csvName(tenantId, v.scope.kind === 'hubs' ? `heatmap-hubs-${v.scope.networkId}` : 'heatmap-networks', [['group', v.group?.id]], v);

/** What the files say about themselves: the partnership, and the full address of "How we protect these numbers". */
export const csvAbout = (tenant: { id: string; name: string }, url: URL): CsvAbout => ({
  partnership: tenant.name,
  protectionUrl: `${url.origin}${protectionPath(tenant.id)}`,
});

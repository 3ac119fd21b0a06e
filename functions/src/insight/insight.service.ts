import type { PublicAction } from '@pv/shared/action.schema';
import type { Theme } from '@pv/shared/feedback.schema';
import {
  resolvePeriod,
  type InsightHeatmap,
  type InsightOverview,
  type InsightQuery,
  type InsightThemeDetail,
  type InsightThemes,
  type InsightTrends,
  type InsightVoice,
  type Period,
} from '@pv/shared/insight.schema';
import * as actions from '../actions/actions.repository.ts';
import * as consultations from '../consultations/consultations.repository.ts';
import * as feedback from '../feedback/feedback.repository.ts';
import { listPanels } from '../panels/panels.service.ts';
import { notFound } from '@pv/shared/errors';
import { nowIso } from '../platform/ids.ts';
import { representation } from '../representation/representation.service.ts';
import { getConfig } from '../tenants/tenants.service.ts';
import * as views from './insight.views.ts';

/**
 * Partner insight: reads counters (feedback per month, actions and consultations per month, each
 * theme's counts, panel representation) and hands them to the pure views. Nothing here reads a
 * comment: every view costs the same with a thousand comments behind it or a million.
 */

async function feedbackByMonth(tenantId: string, months: string[]): Promise<Map<string, Map<string, number>>> {
  return new Map(await Promise.all(months.map(async (m) => [m, await feedback.readCounters(tenantId, m)] as const)));
}

/** The published versions of these actions, by id (unpublished ones left out). */
async function publishedActions(tenantId: string, ids: string[]): Promise<Map<string, PublicAction>> {
  const found = await Promise.all([...new Set(ids)].map((a) => actions.getPublicAction(tenantId, a)));
  return new Map(found.filter((a) => a !== undefined).map((a) => [a.id, a]));
}

/** What the views need of a theme, with the status of its newest published action. */
function factsOf(t: Theme, published: Map<string, PublicAction>): views.ThemeFacts {
  const newest = t.actionIds
    .map((a) => published.get(a))
    .filter((a) => a !== undefined)
    .sort((a, b) => b.updatedOn.localeCompare(a.updatedOn))[0];
  return { id: t.id, name: t.name, description: t.description ?? '', counts: t.counts, actionIds: t.actionIds, ...(t.firstActionOn ? { firstActionOn: t.firstActionOn } : {}), actionStatus: newest?.status ?? null };
}

/** Every theme's facts (a theme names few actions). */
async function themeFacts(tenantId: string): Promise<views.ThemeFacts[]> {
  const themes = await feedback.listThemes(tenantId);
  const published = await publishedActions(tenantId, themes.flatMap((t) => t.actionIds));
  return themes.map((t) => factsOf(t, published));
}

function setUp(query: InsightQuery): { period: Period; readAt: string } {
  const readAt = nowIso();
  return { period: resolvePeriod(query, readAt.slice(0, 10)), readAt };
}

export async function overview(tenantId: string, query: InsightQuery): Promise<InsightOverview> {
  const { period, readAt } = setUp(query);
  const [config, byMonth, actionMonths, consultationMonths, themes] = await Promise.all([
    getConfig(tenantId),
    feedbackByMonth(tenantId, period.months),
    actions.readMonthCounts(tenantId, period.from, period.to),
    consultations.readMonthCounts(tenantId, period.from, period.to),
    themeFacts(tenantId),
  ]);
  return views.overview(config, period, readAt, byMonth, views.sumMonths(actionMonths, period.months), views.sumMonths(consultationMonths, period.months), themes);
}

export async function heatmap(tenantId: string, query: InsightQuery): Promise<InsightHeatmap> {
  const { period, readAt } = setUp(query);
  const [config, byMonth] = await Promise.all([getConfig(tenantId), feedbackByMonth(tenantId, period.months)]);
  if (query.network && !config.hubNetwork.some((n) => n.id === query.network)) throw notFound('There is no hub network with that name.');
  if (query.group && !config.group.some((g) => g.id === query.group)) throw notFound('There is no group with that name.');
  return views.heatmap(config, period, readAt, byMonth, { ...(query.network ? { network: query.network } : {}), ...(query.group ? { group: query.group } : {}) });
}

export async function voice(tenantId: string, query: InsightQuery): Promise<InsightVoice> {
  const { period, readAt } = setUp(query);
  const [config, byMonth, panels] = await Promise.all([getConfig(tenantId), feedbackByMonth(tenantId, period.months), listPanels(tenantId)]);
  const activePanels = panels.filter((p) => p.status === 'active');
  const { views: rep } = await representation(config, activePanels);
  return views.voice(config, period, readAt, byMonth, rep, new Map(activePanels.map((p) => [p.id, p.networkId])));
}

export async function themes(tenantId: string, query: InsightQuery): Promise<InsightThemes> {
  const { period, readAt } = setUp(query);
  const [config, facts] = await Promise.all([getConfig(tenantId), themeFacts(tenantId)]);
  return views.themes(config, period, readAt, facts, { ...(query.priority ? { priority: query.priority } : {}), ...(query.network ? { network: query.network } : {}) });
}

export async function theme(tenantId: string, themeId: string, query: InsightQuery): Promise<InsightThemeDetail> {
  const { period, readAt } = setUp(query);
  const [config, th] = await Promise.all([getConfig(tenantId), feedback.getTheme(tenantId, themeId)]);
  if (!th) throw notFound('There is no theme at this address.');
  const [published, quotes] = await Promise.all([publishedActions(tenantId, th.actionIds), feedback.listQuotes(tenantId, themeId)]);
  return views.themeDetail(
    config,
    period,
    readAt,
    factsOf(th, published),
    [...published.values()].map((a) => ({ id: a.id, youSaid: a.youSaid, weDid: a.weDid, status: a.status, publishedOn: a.publishedOn })),
    quotes,
  );
}

export async function trends(tenantId: string, query: InsightQuery): Promise<InsightTrends> {
  const { period, readAt } = setUp(query);
  const [config, byMonth, facts] = await Promise.all([getConfig(tenantId), feedbackByMonth(tenantId, period.months), themeFacts(tenantId)]);
  return views.trends(config, period, readAt, byMonth, facts);
}

import { error, redirect } from '@sveltejs/kit';
import { actionStatuses, type PublicAction } from '@pv/shared/action.schema';
import type { PublicTenant } from '@pv/shared/config.schema';
import type { LogView } from '$lib/public-log';
import { api, ApiError } from './api';

/**
 * The public "you said, we did" log: the filter from the query string (a GET form, so it works
 * without JavaScript), one loader for the partnership's log and a hub's, every published action for
 * the feed and the exports, and one action for its page.
 */

export const PAGE_SIZE = 20;
/** Pages of the API's largest size read for an export (10,000 actions: far beyond what officers write). */
const MAX_EXPORT_PAGES = 100;

export const logFilterKeys = ['priority', 'network', 'hub', 'group', 'status'] as const;
export type LogFilterKey = (typeof logFilterKeys)[number];
export type LogFilterValues = Record<LogFilterKey, string>;

function allowedValues(tenant: PublicTenant): Record<LogFilterKey, string[]> {
  return {
    priority: tenant.priorities.map((p) => p.id),
    network: tenant.hubNetworks.map((n) => n.id),
    hub: tenant.hubNetworks.flatMap((n) => n.hubs.map((h) => h.id)),
    group: tenant.groups.map((g) => g.id),
    status: [...actionStatuses],
  };
}

/** What the person chose; anything not in the partnership's lists is read as "any". */
export function readLogFilter(url: URL, tenant: PublicTenant, keys: readonly LogFilterKey[] = logFilterKeys): Partial<LogFilterValues> {
  const allowed = allowedValues(tenant);
  return Object.fromEntries(keys.map((k) => [k, url.searchParams.get(k) ?? '']).filter(([k, v]) => allowed[k as LogFilterKey].includes(v!)));
}

/** The filter (and a page) as a query string for links: "?priority=…&cursor=…", or "". */
export function logSearch(filter: Partial<LogFilterValues>, cursor?: string): string {
  const p = new URLSearchParams();
  for (const k of logFilterKeys) if (filter[k]) p.set(k, filter[k]);
  if (cursor) p.set('cursor', cursor);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * A page of the log at `path` (the partnership's log, or a hub's with the hub fixed). The counts
 * are for the chosen priority, place and group: the API's count of actions narrows to done when
 * the status filter is "done", so with a status chosen the counts come from the same filter
 * without it (one more read, of a single item).
 */
export async function loadLog(tenant: PublicTenant, url: URL, path: string, fixed: Partial<LogFilterValues> = {}): Promise<LogView> {
  // A hub's page fixes the place: neither network nor hub is read from the address.
  const fixedKeys: string[] = fixed.hub ? [...Object.keys(fixed), 'network'] : Object.keys(fixed);
  const chosen = readLogFilter(
    url,
    tenant,
    logFilterKeys.filter((k) => !fixedKeys.includes(k)),
  );
  const filter = { ...chosen, ...fixed };
  const cursor = url.searchParams.get('cursor')?.slice(0, 2000) || undefined;
  const client = api(null);
  try {
    const [page, unstatused] = await Promise.all([
      client.publicLog(tenant.id, { ...filter, cursor, limit: PAGE_SIZE }),
      filter.status ? client.publicLog(tenant.id, { ...filter, status: undefined, limit: 1 }) : undefined,
    ]);
    return {
      filter: chosen,
      filtered: Object.keys(chosen).length > 0,
      counts: (unstatused ?? page).counts,
      actions: page.items,
      next: page.next ? `${path}${logSearch(chosen, page.next)}` : undefined,
      firstPage: cursor ? `${path}${logSearch(chosen)}` : undefined,
    };
  } catch (e) {
    // A cursor from an old link, or from another filter: start again at the first page.
    if (cursor && e instanceof ApiError && e.status === 400) redirect(303, `${path}${logSearch(chosen)}`);
    throw e;
  }
}

/** Every published action, newest first, a page of 100 at a time (the feed takes the first 50). */
export async function publishedActions(tenantId: string, max = MAX_EXPORT_PAGES * 100): Promise<PublicAction[]> {
  const client = api(null);
  const all: PublicAction[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.publicLog(tenantId, { limit: Math.min(100, max - all.length), ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.next;
  } while (cursor && all.length < max);
  return all;
}

/** The partnership and its published actions, for the feed and the exports; 404 for an unknown partnership. */
export async function logForExport(tenantId: string, max?: number): Promise<{ tenant: PublicTenant; actions: PublicAction[] }> {
  try {
    const [tenant, actions] = await Promise.all([api(null).publicTenant(tenantId), publishedActions(tenantId, max)]);
    return { tenant, actions };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, { message: 'There is no partnership at this web address.' });
    throw e;
  }
}

const notFound = () => error(404, { message: 'There is no published action at this address.' });

export async function publishedAction(tenantId: string, id: string): Promise<PublicAction> {
  if (!/^[0-9A-Z]{26}$/.test(id)) notFound();
  try {
    return await api(null).publicAction(tenantId, id);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) notFound();
    throw e;
  }
}

/**
 * Actions that answer a consultation. The log cannot be filtered by consultation, so this reads the
 * newest 100 published actions: a consultation's answers come soon after it closes.
 */
export async function actionsAnswering(tenantId: string, consultationId: string): Promise<PublicAction[]> {
  return (await publishedActions(tenantId, 100)).filter((a) => a.consultationIds.includes(consultationId));
}

import { error } from '@sveltejs/kit';
import type { PublicTenant } from '@pv/shared/config.schema';
import { financialYearOf, insightQuery, type InsightMeta } from '@pv/shared/insight.schema';
import { toFieldErrors } from '@pv/shared/validation';
import { financialYearLabel, insightSearch, periodParams, type FilterKey, type InsightValues } from '$lib/insight';
import { api, ApiError, type InsightParams } from './api';
import { requireArea } from './guard';
import { loadFailure } from './officer';

/**
 * What every partner insight page and export starts with: a partner (or officer, or admin), the
 * period and filters from the query string (a GET form, so it works without JavaScript), checked by
 * the same schema the API uses, then the API's view. A bad period comes back as errors by field
 * (from the schema here, or the API's 400), with what was typed, and no numbers.
 */

type Client = ReturnType<typeof api>;

export interface FilterOption {
  value: string;
  label: string;
}

export interface InsightPage<V> {
  view?: V;
  values: InsightValues;
  errors: Record<string, string>;
  /** The period and filters as a query string ("?period=year&year=2025…"), for the exports and links. */
  search: string;
  /** The period alone, for links to the other views. */
  periodSearch: string;
  years: FilterOption[];
  options: { networks: FilterOption[]; priorities: FilterOption[]; groups: FilterOption[] };
  threshold: number;
}

/** The partnership's lists for the filters, from its public description (partners can't read the admin's configuration). */
async function partnership(tenantId: string, url: URL): Promise<PublicTenant> {
  try {
    return await api(null).publicTenant(tenantId);
  } catch (e) {
    return loadFailure(e, url);
  }
}

/** The financial years to choose from: this one and the five before, and any other one asked for. */
function yearOptions(today: string, chosen: string): FilterOption[] {
  const current = financialYearOf(today.slice(0, 7));
  const years = Array.from({ length: 6 }, (_, i) => current - i);
  const asked = Number(chosen);
  if (Number.isInteger(asked) && asked >= 2000 && asked <= 2100 && !years.includes(asked)) years.push(asked);
  return years.sort((a, b) => b - a).map((y) => ({ value: String(y), label: financialYearLabel(y) }));
}

/** What the query string holds, trimmed and short; a filter that is not one of the partnership's is read as "any". */
export function readValues(url: URL, tenant: PublicTenant, filters: readonly FilterKey[], today: string): InsightValues {
  const get = (key: string) => (url.searchParams.get(key) ?? '').trim().slice(0, 100);
  const allowed: Record<FilterKey, string[]> = {
    network: tenant.hubNetworks.map((n) => n.id),
    priority: tenant.priorities.map((p) => p.id),
    group: tenant.groups.map((g) => g.id),
  };
  const values: InsightValues = {
    period: get('period') || 'last-12-months',
    year: get('year') || String(financialYearOf(today.slice(0, 7))),
    quarter: get('quarter') || '1',
    from: get('from'),
    to: get('to'),
  };
  for (const key of filters) {
    const v = get(key);
    values[key] = allowed[key].includes(v) ? v : '';
  }
  return values;
}

/** The parameters the API is sent: only what the kind of period needs, and the filters chosen. */
export function paramsOf(values: InsightValues, filters: readonly FilterKey[]): InsightParams {
  const params: InsightParams = Object.fromEntries(periodParams(values));
  for (const key of filters) if (values[key]) params[key] = values[key];
  return params;
}

/** The API's problem with the query → errors by field (the form's fields have the API's names). */
function queryProblem(e: unknown, url: URL): Record<string, string> {
  if (e instanceof ApiError && e.status === 400) {
    const errors = Object.fromEntries(Object.entries(e.errors).map(([k, m]) => [k.split('.')[0]!, m]));
    return Object.keys(errors).length ? errors : { period: e.problem.title };
  }
  return loadFailure(e, url);
}

/**
 * One insight view for a page or an export. `filters` are the view's own (network, priority, group);
 * `fetch` asks the API for it with the checked parameters.
 */
export async function loadInsight<V extends InsightMeta>(
  locals: App.Locals,
  url: URL,
  filters: readonly FilterKey[],
  fetch: (client: Client, tenantId: string, params: InsightParams) => Promise<V>,
  /** Filters that don't go together: what to clear, given what was chosen. */
  clear: (values: InsightValues) => Partial<Record<FilterKey, ''>> = () => ({}),
): Promise<{ tenant: PublicTenant; page: InsightPage<V> }> {
  const caller = requireArea(locals, url, 'partner');
  const today = new Date().toISOString().slice(0, 10);
  const tenant = await partnership(caller.tenantId, url);
  const read = readValues(url, tenant, filters, today);
  const values = { ...read, ...clear(read) };
  const filterValues = Object.fromEntries(filters.map((k) => [k, values[k]]));
  const base = {
    values,
    search: insightSearch(values, filterValues),
    periodSearch: insightSearch(values),
    years: yearOptions(today, values.year),
    options: {
      networks: tenant.hubNetworks.map((n) => ({ value: n.id, label: n.name })),
      priorities: tenant.priorities.map((p) => ({ value: p.id, label: p.name })),
      groups: tenant.groups.map((g) => ({ value: g.id, label: g.name })),
    },
    threshold: tenant.suppressionThreshold,
  };

  // Checked here first with the API's own schema and messages: a wrong month never costs a call.
  const parsed = insightQuery.safeParse({ period: values.period, ...Object.fromEntries(periodParams(values)) });
  if (!parsed.success) return { tenant, page: { ...base, errors: fieldErrors(toFieldErrors(parsed.error)) } };

  try {
    const view = await fetch(api(locals.session), caller.tenantId, paramsOf(values, filters));
    return { tenant, page: { ...base, view, errors: {}, threshold: view.threshold } };
  } catch (e) {
    return { tenant, page: { ...base, errors: queryProblem(e, url) } };
  }
}

function fieldErrors(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const field = key.split('.')[0];
    out[field && field !== '_' ? field : 'period'] ??= message;
  }
  return out;
}

/**
 * The heatmap shows one group's feedback by hub network only: by Family Hub the numbers would be
 * too small to show (the API keeps no group × hub counts), so a network chosen with a group is let go.
 */
export const heatmapClear = (values: InsightValues): Partial<Record<FilterKey, ''>> => (values.group ? { network: '' } : {});

/** An export's view, or 400 with the first problem in words (the page shows them all). */
export function viewOrFail<V>(page: InsightPage<V>): V {
  if (!page.view) error(400, { message: Object.values(page.errors)[0] ?? 'Choose a period' });
  return page.view;
}

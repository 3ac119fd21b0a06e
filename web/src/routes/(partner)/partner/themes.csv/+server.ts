import { csvAbout, csvName, csvResponse, themesCsv } from '$lib/server/insight-csv';
import { loadInsight, viewOrFail } from '$lib/server/insight';
import type { RequestHandler } from './$types';

/** The themes as a spreadsheet, for the same period, priority and network as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const { tenant, page } = await loadInsight(locals, url, ['priority', 'network'], (client, tenantId, params) => client.insightThemes(tenantId, params));
  const view = viewOrFail(page);
  const filters: [string, string | undefined][] = [
    ['priority', page.values.priority],
    ['network', page.values.network],
  ];
  return csvResponse(themesCsv(csvAbout(tenant, url), view), csvName(tenant.id, 'themes', filters, view));
};

import { csvAbout, csvName, csvResponse, trendsCsv } from '$lib/server/insight-csv';
import { loadInsight, viewOrFail } from '$lib/server/insight';
import type { RequestHandler } from './$types';

/** The trends as a spreadsheet: a row for each series and month. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const { tenant, page } = await loadInsight(locals, url, [], (client, tenantId, params) => client.insightTrends(tenantId, params));
  const view = viewOrFail(page);
  return csvResponse(trendsCsv(csvAbout(tenant, url), view), csvName(tenant.id, 'trends', [], view));
};

import { csvAbout, csvName, csvResponse, overviewCsv } from '$lib/server/insight-csv';
import { loadInsight, viewOrFail } from '$lib/server/insight';
import type { RequestHandler } from './$types';

/** The overview as a spreadsheet, for the same period as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const { tenant, page } = await loadInsight(locals, url, [], (client, tenantId, params) => client.insightOverview(tenantId, params));
  const view = viewOrFail(page);
  return csvResponse(overviewCsv(csvAbout(tenant, url), view), csvName(tenant.id, 'overview', [], view));
};

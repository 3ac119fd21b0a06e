import { csvName, csvResponse, heatmapCsv } from '$lib/server/insight-csv';
import { heatmapClear, loadInsight, viewOrFail } from '$lib/server/insight';
import type { RequestHandler } from './$types';

/** The heatmap as a spreadsheet, for the same period, network and group as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const { tenant, page } = await loadInsight(locals, url, ['network', 'group'], (client, tenantId, params) => client.insightHeatmap(tenantId, params), heatmapClear);
  const view = viewOrFail(page);
  return csvResponse(heatmapCsv(tenant.name, view), csvName(tenant.id, 'heatmap', view));
};

import { csvAbout, csvResponse, heatmapCsv, heatmapName } from '$lib/server/insight-csv';
import { heatmapClear, loadInsight, viewOrFail } from '$lib/server/insight';
import type { RequestHandler } from './$types';

/** The heatmap as a spreadsheet, for the same period, network and group as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const { tenant, page } = await loadInsight(locals, url, ['network', 'group'], (client, tenantId, params) => client.insightHeatmap(tenantId, params), heatmapClear);
  const view = viewOrFail(page);
  return csvResponse(heatmapCsv(csvAbout(tenant, url), view), heatmapName(tenant.id, view));
};

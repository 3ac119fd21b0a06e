import { themeIdOf } from '$lib/server/feedback-pages';
import { csvAbout, csvName, csvResponse, themeCsv } from '$lib/server/insight-csv';
import { loadInsight, viewOrFail } from '$lib/server/insight';
import type { RequestHandler } from './$types';

/** One theme's numbers and actions as a spreadsheet (not its quotes: those are for reading on the page, in context). */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const id = themeIdOf(params.id);
  const { tenant, page } = await loadInsight(locals, url, [], (client, tenantId, query) => client.insightTheme(tenantId, id, query));
  const view = viewOrFail(page);
  return csvResponse(themeCsv(csvAbout(tenant, url), view), csvName(tenant.id, `theme-${id}`, [], view));
};

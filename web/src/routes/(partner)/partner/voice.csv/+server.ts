import { csvAbout, csvName, csvResponse, voiceCsv } from '$lib/server/insight-csv';
import { loadInsight, viewOrFail } from '$lib/server/insight';
import type { RequestHandler } from './$types';

/** Whose voice is missing, as a spreadsheet, for the same period as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const { tenant, page } = await loadInsight(locals, url, [], (client, tenantId, params) => client.insightVoice(tenantId, params));
  const view = viewOrFail(page);
  return csvResponse(voiceCsv(csvAbout(tenant, url), view), csvName(tenant.id, 'whose-voice', [], view));
};

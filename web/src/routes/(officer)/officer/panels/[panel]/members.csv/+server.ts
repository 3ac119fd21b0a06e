import { toSlug } from '@pv/shared/validation';
import { readMemberFilter } from '$lib/server/member-filter';
import { hubOptions, officerContext, orFail, panelIdOf, today } from '$lib/server/officer';
import type { RequestHandler } from './$types';

/**
 * The members list's contact details as a CSV file, with the same filter as the page. The API makes
 * the file (byte-order mark for Excel, formula-looking cells made plain text) and records the export
 * in the audit log.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const { client, tenantId } = officerContext(locals, url);
  const panelId = panelIdOf(params.panel);
  const [panel, config] = await Promise.all([orFail(client.panel(tenantId, panelId), url), orFail(client.config(tenantId), url)]);
  const filter = readMemberFilter(url, hubOptions(config, panel.networkId).map((h) => h.value));
  const { csv } = await orFail(client.exportMembers(tenantId, panelId, filter.query), url);
  const filename = `${toSlug(panel.name) || 'panel'}-members-${today()}.csv`;
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
};

import { logForExport } from '$lib/server/public-log';
import { actionsJson } from '$lib/server/public-log-exports';
import type { RequestHandler } from './$types';

/** Every published action as open data. */
export const GET: RequestHandler = async ({ params, url }) => {
  const { tenant, actions } = await logForExport(params.tenant);
  const base = `${url.origin}/${tenant.id}/you-said-we-did`;
  return new Response(actionsJson(tenant, actions, (id) => `${base}/${id}`), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${tenant.id}-you-said-we-did.json"`,
      'cache-control': 'public, max-age=300',
    },
  });
};

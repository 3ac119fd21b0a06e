import { logForExport } from '$lib/server/public-log';
import { atomFeed } from '$lib/server/public-log-exports';
import type { RequestHandler } from './$types';

/** The newest 50 published actions as an Atom 1.0 feed. */
export const GET: RequestHandler = async ({ params, url }) => {
  const { tenant, actions } = await logForExport(params.tenant, 50);
  return new Response(atomFeed(tenant, actions, `${url.origin}/${tenant.id}/you-said-we-did`), {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
};

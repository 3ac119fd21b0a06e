import { error } from '@sveltejs/kit';
import { loadLog } from '$lib/server/public-log';
import type { PageServerLoad } from './$types';

/** One Family Hub's log: the partnership's log with the hub fixed. */
export const load: PageServerLoad = async ({ parent, url, params }) => {
  const { tenant } = await parent();
  const network = tenant.hubNetworks.find((n) => n.hubs.some((h) => h.id === params.hub));
  const hub = network?.hubs.find((h) => h.id === params.hub);
  if (!network || !hub) error(404, { message: 'There is no Family Hub at this address.' });
  return { hub, network: { id: network.id, name: network.name }, log: await loadLog(tenant, url, `/${params.tenant}/you-said-we-did/hub/${hub.id}`, { hub: hub.id }) };
};

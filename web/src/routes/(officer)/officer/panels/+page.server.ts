import { networkName, officerContext, orFail } from '$lib/server/officer';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  const [panels, config] = await Promise.all([orFail(client.panels(tenantId), url), orFail(client.config(tenantId), url)]);
  const added = panels.find((p) => p.id === url.searchParams.get('added'));
  return {
    flash: added ? `‘${added.name}’ has been added.` : undefined,
    panels: panels
      .map((p) => ({
        id: p.id,
        name: p.name,
        network: networkName(config, p.networkId),
        members: p.memberCount,
        pending: p.pendingCount,
        target: p.targetSize,
        recruiting: p.recruiting,
        status: p.status,
      }))
      .sort((a, b) => (a.status === b.status ? a.name.localeCompare(b.name) : a.status === 'active' ? -1 : 1)),
  };
};

import { networkName, officerContext, orFail } from '$lib/server/officer';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  const [panels, config, views] = await Promise.all([
    orFail(client.panels(tenantId), url),
    orFail(client.config(tenantId), url),
    orFail(client.representation(tenantId), url),
  ]);
  const added = panels.find((p) => p.id === url.searchParams.get('added'));
  // A panel's size is a count of people: the protected figure from the representation view (active
  // panels only: a closed panel is not counted), never the raw count on the panel item.
  const sizeOf = (panelId: string) => views.find((v) => v.scope.kind === 'panel' && v.scope.panelId === panelId)?.members;
  return {
    flash: added ? `‘${added.name}’ has been added.` : undefined,
    threshold: views[0]?.threshold ?? config.tenant.suppressionThreshold,
    panels: panels
      .map((p) => ({
        id: p.id,
        name: p.name,
        network: networkName(config, p.networkId),
        members: p.status === 'active' ? (sizeOf(p.id)?.count ?? null) : undefined,
        pending: p.pendingCount,
        target: p.targetSize,
        recruiting: p.recruiting,
        status: p.status,
      }))
      .sort((a, b) => (a.status === b.status ? a.name.localeCompare(b.name) : a.status === 'active' ? -1 : 1)),
  };
};

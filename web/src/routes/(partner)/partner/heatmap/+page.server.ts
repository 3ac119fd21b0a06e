import { heatmapClear, loadInsight } from '$lib/server/insight';
import type { PageServerLoad } from './$types';

/** Priorities × hub networks (or one network's hubs), for everyone or one group. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { page } = await loadInsight(locals, url, ['network', 'group'], (client, tenantId, params) => client.insightHeatmap(tenantId, params), heatmapClear);
  return { insight: page };
};

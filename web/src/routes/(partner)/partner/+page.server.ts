import { loadInsight } from '$lib/server/insight';
import type { PageServerLoad } from './$types';

/** The overview: feedback, consultations and actions in the chosen period, and how well the loop is closed. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { page } = await loadInsight(locals, url, [], (client, tenantId, params) => client.insightOverview(tenantId, params));
  return { insight: page };
};

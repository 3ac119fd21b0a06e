import { loadInsight } from '$lib/server/insight';
import type { PageServerLoad } from './$types';

/** Feedback and loop closure month by month: the whole partnership, then each priority. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { page } = await loadInsight(locals, url, [], (client, tenantId, params) => client.insightTrends(tenantId, params));
  return { insight: page };
};

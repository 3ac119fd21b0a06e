import { loadInsight } from '$lib/server/insight';
import type { PageServerLoad } from './$types';

/** Whose voice is missing: each group's share of feedback against its share of panel members and of the population. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { page } = await loadInsight(locals, url, [], (client, tenantId, params) => client.insightVoice(tenantId, params));
  return { insight: page };
};

import { loadInsight } from '$lib/server/insight';
import type { PageServerLoad } from './$types';

/** The themes with feedback in the period, biggest first (or fastest growing), for a priority or a network. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { page } = await loadInsight(locals, url, ['priority', 'network'], (client, tenantId, params) => client.insightThemes(tenantId, params));
  return { insight: page, sort: url.searchParams.get('sort') === 'growth' ? ('growth' as const) : ('size' as const) };
};

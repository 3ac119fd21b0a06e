import { themeIdOf } from '$lib/server/feedback-pages';
import { loadInsight } from '$lib/server/insight';
import type { PageServerLoad } from './$types';

/** One theme for partners: its spread, what has been done, and the quotes officers chose. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  const id = themeIdOf(params.id);
  const { page } = await loadInsight(locals, url, [], (client, tenantId, query) => client.insightTheme(tenantId, id, query));
  return { insight: page, id };
};

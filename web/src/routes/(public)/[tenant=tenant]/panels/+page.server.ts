import { api, ApiError } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
  const client = api(null);
  const postcode = url.searchParams.get('postcode')?.slice(0, 20);
  const { panels } = await client.publicPanels(params.tenant);
  if (postcode === undefined || postcode === null) return { panels, search: null };
  if (!postcode.trim()) return { panels, search: { postcode, error: 'Enter a postcode, like NG18 2AB, or the first part of it, like NG18' } };
  try {
    const found = await client.publicPanels(params.tenant, postcode);
    return { panels, search: { postcode, matches: found.panels, district: found.district ?? '' } };
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      return { panels, search: { postcode, error: e.errors.postcode ?? e.problem.title } };
    }
    throw e;
  }
};

import { api } from '$lib/server/api';
import { requireArea } from '$lib/server/guard';
import { orFail } from '$lib/server/officer';
import type { PageServerLoad } from './$types';

/** Partners see the same aggregates as officers: counts by group, each protected by the API (cell key method, then the threshold). */
export const load: PageServerLoad = async ({ locals, url }) => {
  const caller = requireArea(locals, url, 'partner');
  const views = await orFail(api(locals.session).representation(caller.tenantId), url);
  return { views };
};

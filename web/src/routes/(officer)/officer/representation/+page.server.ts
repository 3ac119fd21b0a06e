import { officerContext, orFail } from '$lib/server/officer';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  const views = await orFail(client.representation(tenantId), url);
  return { views };
};

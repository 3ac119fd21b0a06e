import { loadLog } from '$lib/server/public-log';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url, params }) => {
  const { tenant } = await parent();
  return { log: await loadLog(tenant, url, `/${params.tenant}/you-said-we-did`) };
};

import { requireArea } from '$lib/server/guard';
import { partnershipName } from '$lib/server/partnership';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
  const caller = requireArea(locals, url, 'officer');
  return { partnership: { id: caller.tenantId, name: await partnershipName(caller.tenantId) } };
};

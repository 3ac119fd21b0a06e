import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { getConfig } from '../tenants/tenants.service.ts';
import { rebuildRepresentation } from './recount.service.ts';

/** Admins run it after changing who is in a group; it reads every member, so it is not for pages. */
export const handler = apiHandler({ access: { roles: ['admin'] }, params: tenantParams }, async ({ params }) => {
  const { members } = await rebuildRepresentation(await getConfig(params.tenantId));
  return { body: { members } };
});

import { endSession, requireMemberSession } from '../member-access/member-access.service.ts';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { eraseMe } from './membership.service.ts';

export const handler = apiHandler({ access: { public: true }, params: tenantParams }, async ({ params, event }) => {
  const me = await requireMemberSession(event, params.tenantId);
  await eraseMe(me);
  await endSession(me.tenantId, me.sessionToken);
  return { status: 204 };
});

import { requireMemberSession } from '../member-access/member-access.service.ts';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { leavePanel } from './membership.service.ts';

export const handler = apiHandler({ access: { public: true }, params: tenantParams }, async ({ params, event }) => {
  await leavePanel(await requireMemberSession(event, params.tenantId));
  return { status: 204 };
});

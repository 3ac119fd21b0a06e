import { requireMemberSession } from '../member-access/member-access.service.ts';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { myData } from './membership.service.ts';

export const handler = apiHandler({ access: { public: true }, params: tenantParams }, async ({ params, event }) => ({
  body: await myData(await requireMemberSession(event, params.tenantId)),
}));

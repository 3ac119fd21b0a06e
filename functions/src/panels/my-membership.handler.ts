import { requireMemberSession } from '../member-access/member-access.service.ts';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { myMembership } from './membership.service.ts';

/** Member routes are public to API Gateway; the member's session header is checked here, per request. */
export const handler = apiHandler({ access: { public: true }, params: tenantParams }, async ({ params, event }) => ({
  body: await myMembership(await requireMemberSession(event, params.tenantId)),
}));


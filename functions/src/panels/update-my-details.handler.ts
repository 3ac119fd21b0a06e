import { memberDetailsInput } from '@pv/shared/panel.schema';
import { requireMemberSession } from '../member-access/member-access.service.ts';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { updateMyDetails } from './membership.service.ts';

export const handler = apiHandler({ access: { public: true }, params: tenantParams, body: memberDetailsInput }, async ({ params, body, event }) => ({
  body: await updateMyDetails(await requireMemberSession(event, params.tenantId), body),
}));

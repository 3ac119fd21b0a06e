import { profileInput } from '@pv/shared/panel.schema';
import { requireMemberSession } from '../member-access/member-access.service.ts';
import { apiHandler, parseWith } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { saveMyProfile } from './membership.service.ts';

export const handler = apiHandler({ access: { public: true }, params: tenantParams }, async ({ params, event, body }) => {
  const me = await requireMemberSession(event, params.tenantId);
  // Parsed after the session check, so nobody learns anything from validation without one.
  await saveMyProfile(me, parseWith(profileInput, body, 'answers you gave'));
  return { status: 204 };
});

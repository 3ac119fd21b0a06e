import { meetingParams, staff } from '../panels/panels.params.ts';
import { apiHandler } from '../platform/http.ts';
import { inviteMembers } from './meetings.service.ts';

/** Safe to repeat: only members not yet invited get an invitation. */
export const handler = apiHandler({ access: staff, params: meetingParams }, async ({ params, caller }) => ({
  body: await inviteMembers(caller!, params.tenantId, params.panelId, params.meetingId),
}));

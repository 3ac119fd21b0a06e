import { meetingParams, staff } from '../panels/panels.params.ts';
import { apiHandler } from '../platform/http.ts';
import { meetingWithInvitations } from './meetings.service.ts';

export const handler = apiHandler({ access: staff, params: meetingParams }, async ({ params }) => ({
  body: await meetingWithInvitations(params.tenantId, params.panelId, params.meetingId),
}));

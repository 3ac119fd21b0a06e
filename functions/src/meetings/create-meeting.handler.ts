import { meetingInput } from '@pv/shared/panel.schema';
import { panelParams, staff } from '../panels/panels.params.ts';
import { apiHandler } from '../platform/http.ts';
import { createMeeting } from './meetings.service.ts';

export const handler = apiHandler({ access: staff, params: panelParams, body: meetingInput, idempotent: true }, async ({ params, body, caller }) => ({
  status: 201,
  body: await createMeeting(caller!, params.tenantId, params.panelId, body),
}));

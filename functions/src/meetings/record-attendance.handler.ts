import { attendanceInput } from '@pv/shared/panel.schema';
import { meetingParams, staff } from '../panels/panels.params.ts';
import { apiHandler } from '../platform/http.ts';
import { recordAttendance } from './meetings.service.ts';

export const handler = apiHandler({ access: staff, params: meetingParams, body: attendanceInput }, async ({ params, body, caller }) => ({
  body: await recordAttendance(caller!, params.tenantId, params.panelId, params.meetingId, body),
}));

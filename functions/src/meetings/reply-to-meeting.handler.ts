import { meetingReplyInput } from '@pv/shared/panel.schema';
import { requireMemberSession } from '../member-access/member-access.service.ts';
import { myMeetingParams } from '../panels/panels.params.ts';
import { apiHandler, parseWith } from '../platform/http.ts';
import { replyToMeeting } from './meetings.service.ts';

export const handler = apiHandler({ access: { public: true }, params: myMeetingParams }, async ({ params, event, body }) => {
  const me = await requireMemberSession(event, params.tenantId);
  await replyToMeeting(me, params.meetingId, parseWith(meetingReplyInput, body, 'reply'));
  return { status: 204 };
});

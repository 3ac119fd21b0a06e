import { error, fail, redirect } from '@sveltejs/kit';
import { meetingFormatLabels, meetingReplyLabels, supportKinds, supportLabels, type SupportKind } from '@pv/shared/panel.schema';
import { ApiError } from '$lib/server/api';
import { signInUrl } from '$lib/server/guard';
import { allOf, hubName, isMemberId, meetingDay, meetingIdOf, officerContext, orFail, panelIdOf, textOf, today } from '$lib/server/officer';
import type { Actions, PageServerLoad } from './$types';

function flash(url: URL): string | undefined {
  const p = url.searchParams;
  if (p.has('added')) return 'The meeting is saved. Invite the panel’s members when you are ready.';
  if (p.has('invited')) {
    const n = (key: string) => Number(p.get(key)) || 0;
    if (n('invited') === 0) return 'Everyone on the panel has already been invited.';
    return `${n('invited')} ${n('invited') === 1 ? 'member' : 'members'} invited: ${n('emailed')} emailed, ${n('toPhone')} to phone.`;
  }
  if (p.has('recorded')) return 'Attendance is saved.';
  return undefined;
}

/** An API problem from a small action on this page → a message at the top, or the usual redirect and error pages. */
function actionFailure(e: unknown, url: URL, extra: Record<string, unknown> = {}) {
  if (!(e instanceof ApiError)) throw e;
  if (e.status === 401) redirect(303, signInUrl(url, 'POST'));
  if (e.status === 403) error(403, { message: e.problem.title });
  return fail(e.status, { ...extra, message: e.problem.title });
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = officerContext(locals, url);
  const panelId = panelIdOf(params.panel);
  const meetingId = meetingIdOf(params.meeting);
  const [panel, config, { meeting, invitations }] = await Promise.all([
    orFail(client.panel(tenantId, panelId), url),
    orFail(client.config(tenantId), url),
    orFail(client.meeting(tenantId, panelId, meetingId), url),
  ]);
  const support = (kinds: SupportKind[]) => kinds.map((k) => supportLabels[k]);
  // Attendance can only be taken for the support that was offered (or any, if none was listed).
  const takeable = meeting.supportOffered.length ? meeting.supportOffered : [...supportKinds];
  return {
    panel: { id: panel.id, name: panel.name },
    flash: flash(url),
    meeting: {
      id: meeting.id,
      title: meeting.title,
      when: `${meetingDay(meeting.date)}, ${meeting.time}`,
      format: meetingFormatLabels[meeting.format],
      where: [hubName(config, meeting.hubId), meeting.place].filter(Boolean).join(', '),
      supportOffered: support(meeting.supportOffered),
      invited: meeting.invited,
      replies: meeting.replies,
      attended: meeting.attended,
      attendanceRecorded: meeting.attendanceRecorded,
      supportTaken: supportKinds.filter((k) => meeting.supportTaken[k]).map((k) => ({ label: supportLabels[k], count: meeting.supportTaken[k]! })),
      version: meeting.version,
      past: meeting.date < today(),
      canRecord: meeting.date <= today(),
    },
    takeable: takeable.map((k) => ({ value: k, label: supportLabels[k] })),
    invitations: invitations.map((i) => ({
      memberId: i.memberId,
      name: i.name,
      reply: i.reply ? meetingReplyLabels[i.reply] : 'No reply yet',
      supportNeeded: support(i.supportNeeded),
      note: i.note,
      attended: i.attended ?? false,
      supportTaken: i.supportTaken,
    })),
  };
};

export const actions: Actions = {
  invite: async ({ locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const panelId = panelIdOf(params.panel);
    const meetingId = meetingIdOf(params.meeting);
    let result;
    try {
      result = await client.inviteMembers(tenantId, panelId, meetingId);
    } catch (e) {
      return actionFailure(e, url);
    }
    redirect(303, `/officer/panels/${panelId}/meetings/${meetingId}?invited=${result.invited}&emailed=${result.emailed}&toPhone=${result.toPhone}`);
  },

  attendance: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const panelId = panelIdOf(params.panel);
    const meetingId = meetingIdOf(params.meeting);
    const form = await request.formData();
    const members = allOf(form, 'member').filter(isMemberId);
    const came = new Set(allOf(form, 'attended'));
    const attendees = members.map((memberId) => ({
      memberId,
      attended: came.has(memberId),
      supportTaken: came.has(memberId) ? allOf(form, `support-${memberId}`) : [],
    }));
    const kept = Object.fromEntries(attendees.map((a) => [a.memberId, { attended: a.attended, supportTaken: allOf(form, `support-${a.memberId}`) }]));
    try {
      await client.recordAttendance(tenantId, panelId, meetingId, { version: textOf(form, 'version'), attendees });
    } catch (e) {
      return actionFailure(e, url, { kept });
    }
    redirect(303, `/officer/panels/${panelId}/meetings/${meetingId}?recorded=1#attendance-heading`);
  },
};

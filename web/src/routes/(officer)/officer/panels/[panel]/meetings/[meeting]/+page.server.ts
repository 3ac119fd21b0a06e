import { redirect } from '@sveltejs/kit';
import { meetingFormatLabels, meetingReplyLabels, supportKinds, supportLabels, type SupportKind } from '@pv/shared/panel.schema';
import { formList, formText, refusal } from '$lib/server/forms';
import { hubName, isMemberId, meetingDay, meetingIdOf, officerContext, orFail, panelIdOf, today } from '$lib/server/officer';
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
      return refusal(e, {}, { url });
    }
    redirect(303, `/officer/panels/${panelId}/meetings/${meetingId}?invited=${result.invited}&emailed=${result.emailed}&toPhone=${result.toPhone}`);
  },

  attendance: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const panelId = panelIdOf(params.panel);
    const meetingId = meetingIdOf(params.meeting);
    const form = await request.formData();
    const members = formList(form, 'member').filter(isMemberId);
    const came = new Set(formList(form, 'attended'));
    const attendees = members.map((memberId) => ({
      memberId,
      attended: came.has(memberId),
      supportTaken: came.has(memberId) ? formList(form, `support-${memberId}`) : [],
    }));
    const kept = Object.fromEntries(attendees.map((a) => [a.memberId, { attended: a.attended, supportTaken: formList(form, `support-${a.memberId}`) }]));
    try {
      await client.recordAttendance(tenantId, panelId, meetingId, { version: formText(form, 'version'), attendees });
    } catch (e) {
      return refusal(e, {}, { url, keep: { kept } });
    }
    redirect(303, `/officer/panels/${panelId}/meetings/${meetingId}?recorded=1#attendance-heading`);
  },
};

import { error, redirect } from '@sveltejs/kit';
import { meetingReplyInput } from '@pv/shared/panel.schema';
import { readWith, save, valuesOf } from '$lib/server/forms';
import { asMember, memberOf } from '$lib/server/member-forms';
import type { Actions, PageServerLoad } from './$types';

async function invitationOf(event: Parameters<PageServerLoad>[0]) {
  if (!/^[0-9A-Z]{26}$/.test(event.params.meeting)) error(404, { message: 'There is no meeting at this address.' });
  const membership = await asMember(event, (client) => client.membership());
  const invitation = membership.invitations.find((i) => i.meetingId === event.params.meeting);
  if (!invitation) error(404, { message: 'You were not invited to this meeting, or it has been removed.' });
  return { membership, invitation };
}

export const load: PageServerLoad = async (event) => {
  const { membership, invitation } = await invitationOf(event);
  return {
    panel: membership.panel,
    invitation,
    past: invitation.date < new Date().toISOString().slice(0, 10),
    current: { reply: invitation.reply ?? '', supportNeeded: invitation.supportNeeded, note: invitation.note },
  };
};

export const actions: Actions = {
  default: async (event) => {
    const values = valuesOf(await event.request.formData(), ['reply', 'note'], ['supportNeeded']);
    const saved = await save(readWith(meetingReplyInput, values, values), (input) => asMember(event, (client) => client.reply(event.params.meeting, input)), {
      url: event.url,
      member: memberOf(event),
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/${event.params.tenant}/membership?done=replied`);
  },
};

import { redirect } from '@sveltejs/kit';
import { asMember, memberAction } from '$lib/server/member-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const membership = await asMember(event, (client) => client.membership());
  if (membership.member.status === 'left') redirect(303, `/${event.params.tenant}/membership`);
  return { panel: membership.panel };
};

export const actions: Actions = {
  default: async (event) => {
    const left = await memberAction(event, (client) => client.leave());
    if (!left.ok) return left.failure;
    redirect(303, `/${event.params.tenant}/membership?done=left`);
  },
};

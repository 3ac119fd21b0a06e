import { redirect } from '@sveltejs/kit';
import { apiFailure, asMember, memberOf } from '$lib/server/member-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const membership = await asMember(event, (client) => client.membership());
  if (membership.member.status === 'left') redirect(303, `/${event.params.tenant}/membership`);
  return { panel: membership.panel };
};

export const actions: Actions = {
  default: async (event) => {
    try {
      await asMember(event, (client) => client.leave());
    } catch (e) {
      return apiFailure(e, {}, memberOf(event));
    }
    redirect(303, `/${event.params.tenant}/membership?done=left`);
  },
};

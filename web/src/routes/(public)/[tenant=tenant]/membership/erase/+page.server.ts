import { redirect } from '@sveltejs/kit';
import { clearMemberSession } from '$lib/server/member-session';
import { asMember, memberAction } from '$lib/server/member-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const membership = await asMember(event, (client) => client.membership());
  return { panel: membership.panel };
};

export const actions: Actions = {
  default: async (event) => {
    const erased = await memberAction(event, (client) => client.erase());
    if (!erased.ok) return erased.failure;
    // Nothing is left to sign in to.
    clearMemberSession(event.cookies, event.params.tenant);
    redirect(303, `/${event.params.tenant}/membership/erased`);
  },
};

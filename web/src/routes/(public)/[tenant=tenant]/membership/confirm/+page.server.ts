import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { linkTokenOf, signInByLink } from '$lib/server/member-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ token: linkTokenOf(url) });

export const actions: Actions = {
  default: async (event) => {
    const signedIn = await signInByLink(event, (tenantId, token) => api(null).confirmMembership(tenantId, token));
    if (!signedIn.ok) return signedIn.failure;
    redirect(303, `/${event.params.tenant}/membership/about-you?welcome=1`);
  },
};

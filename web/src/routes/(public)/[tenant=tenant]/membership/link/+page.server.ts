import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { linkTokenOf, signInByLink } from '$lib/server/member-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ token: linkTokenOf(url) });

export const actions: Actions = {
  default: async (event) => {
    const signedIn = await signInByLink(event, (tenantId, token) => api(null).useSignInLink(tenantId, token));
    if (!signedIn.ok) return signedIn.failure;
    const { next } = signedIn.value;
    const meeting = /^meetings\/([0-9A-Z]{26})$/.exec(next);
    redirect(303, `/${event.params.tenant}/membership${meeting ? `/meetings/${meeting[1]}` : next === 'welcome' ? '/about-you?welcome=1' : ''}`);
  },
};

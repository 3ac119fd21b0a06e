import { redirect } from '@sveltejs/kit';
import { clearMemberSession, memberToken } from '$lib/server/member-session';
import { memberApi } from '$lib/server/api';
import { asMember } from '$lib/server/member-forms';
import type { Actions, PageServerLoad } from './$types';

const notices = ['details', 'about-you', 'about-you-withdrawn', 'left', 'replied'] as const;

export const load: PageServerLoad = async (event) => {
  const membership = await asMember(event, (client) => client.membership());
  const notice = event.url.searchParams.get('done');
  return { membership, notice: notices.find((n) => n === notice) ?? null };
};

export const actions: Actions = {
  signOut: async ({ cookies, url, params }) => {
    const token = memberToken(cookies, params.tenant);
    if (token) {
      // Ending the session on the API as well; a session that has already ended is fine.
      await memberApi(params.tenant, token)
        .signOut()
        .catch(() => undefined);
    }
    clearMemberSession(cookies, params.tenant);
    redirect(303, `/${params.tenant}/membership/sign-in?signed-out=1`);
  },
};

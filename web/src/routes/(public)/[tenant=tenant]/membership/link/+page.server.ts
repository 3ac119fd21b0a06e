import { fail, redirect } from '@sveltejs/kit';
import { api, ApiError } from '$lib/server/api';
import { setMemberSession } from '$lib/server/member-session';
import type { Actions, PageServerLoad } from './$types';

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

// As with confirming: the token is only used when the person presses the button.
export const load: PageServerLoad = ({ url }) => {
  const token = url.searchParams.get('token') ?? '';
  return { token: tokenPattern.test(token) ? token : '' };
};

export const actions: Actions = {
  default: async ({ request, params, cookies, url }) => {
    const token = String((await request.formData()).get('token') ?? '');
    if (!tokenPattern.test(token)) return fail(400, { linkProblem: true });
    let next = '';
    try {
      const grant = await api(null).useSignInLink(params.tenant, token);
      setMemberSession(cookies, params.tenant, grant.session, grant.expiresAt);
      next = grant.next;
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) return fail(e.status, { linkProblem: true });
      throw e;
    }
    const meeting = /^meetings\/([0-9A-Z]{26})$/.exec(next);
    redirect(303, `/${params.tenant}/membership${meeting ? `/meetings/${meeting[1]}` : next === 'welcome' ? '/about-you?welcome=1' : ''}`);
  },
};

import { fail, redirect } from '@sveltejs/kit';
import { api, ApiError } from '$lib/server/api';
import { setMemberSession } from '$lib/server/member-session';
import type { Actions, PageServerLoad } from './$types';

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

// GET never uses the token: mail scanners open links, and would use it up. Only the button does.
export const load: PageServerLoad = ({ url }) => {
  const token = url.searchParams.get('token') ?? '';
  return { token: tokenPattern.test(token) ? token : '' };
};

export const actions: Actions = {
  default: async ({ request, params, cookies, url }) => {
    const token = String((await request.formData()).get('token') ?? '');
    if (!tokenPattern.test(token)) return fail(400, { linkProblem: true });
    try {
      const grant = await api(null).confirmMembership(params.tenant, token);
      setMemberSession(cookies, params.tenant, grant.session, grant.expiresAt);
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) return fail(e.status, { linkProblem: true });
      throw e;
    }
    redirect(303, `/${params.tenant}/membership/about-you?welcome=1`);
  },
};

import { fail } from '@sveltejs/kit';
import { api, ApiError } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

// Mail scanners open every link in an email: opening this page changes nothing, only the button does.
export const load: PageServerLoad = ({ url, setHeaders }) => {
  setHeaders({ 'cache-control': 'private, no-store' });
  const token = url.searchParams.get('token') ?? '';
  return { token: tokenPattern.test(token) ? token : '' };
};

export const actions: Actions = {
  default: async ({ request, params }) => {
    const token = String((await request.formData()).get('token') ?? '');
    if (!tokenPattern.test(token)) return fail(400, { linkProblem: true });
    try {
      await api(null).unsubscribe(params.tenant, token);
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) return fail(e.status, { linkProblem: true });
      throw e;
    }
    return { stopped: true };
  },
};

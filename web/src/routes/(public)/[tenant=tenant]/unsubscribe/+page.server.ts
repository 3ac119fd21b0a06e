import { api } from '$lib/server/api';
import { followLink, linkTokenOf } from '$lib/server/member-forms';
import type { Actions, PageServerLoad } from './$types';

// Mail scanners open every link in an email: opening this page changes nothing, only the button does.
export const load: PageServerLoad = ({ url, setHeaders }) => {
  setHeaders({ 'cache-control': 'private, no-store' });
  return { token: linkTokenOf(url) };
};

export const actions: Actions = {
  default: async ({ request, params }) => {
    const stopped = await followLink(request, (token) => api(null).unsubscribe(params.tenant, token));
    if (!stopped.ok) return stopped.failure;
    return { stopped: true };
  },
};

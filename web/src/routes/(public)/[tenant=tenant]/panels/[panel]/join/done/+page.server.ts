import { api, ApiError } from '$lib/server/api';
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
  try {
    const panel = await api(null).publicPanel(params.tenant, params.panel);
    return { panel, outcome: url.searchParams.get('outcome') === 'we-will-call' ? 'we-will-call' : 'check-email' };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, { message: 'There is no panel at this address.' });
    throw e;
  }
};

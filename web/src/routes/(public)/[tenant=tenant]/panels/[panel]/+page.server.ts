import { error } from '@sveltejs/kit';
import { api, ApiError } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
  if (!/^[a-z0-9-]{1,130}$/.test(params.panel)) error(404, { message: 'There is no panel at this address.' });
  try {
    return { panel: await api(null).publicPanel(params.tenant, params.panel) };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, { message: 'There is no panel at this address. It may have closed.' });
    throw e;
  }
};

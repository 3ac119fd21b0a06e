import { error } from '@sveltejs/kit';
import { api, ApiError } from '$lib/server/api';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ params }) => {
  try {
    const tenant = await api(null).publicTenant(params.tenant);
    return { tenant, partnership: { id: tenant.id, name: tenant.name } };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) {
      error(404, { message: 'There is no partnership at this web address.' });
    }
    throw e;
  }
};

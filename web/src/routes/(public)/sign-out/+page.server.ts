import { redirect } from '@sveltejs/kit';
import { signOut } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** Signing out is a POST, so a prefetch or another site's link cannot sign anyone out. */
export const load: PageServerLoad = ({ locals }) => {
  if (!locals.session) redirect(303, '/');
};

export const actions: Actions = {
  default: async ({ cookies }) => {
    await signOut(cookies);
    redirect(303, '/sign-in?signedOut');
  },
};

import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { api } from '$lib/server/api';
import { apiFailure, check, readValues } from '$lib/server/member-forms';
import type { Actions, PageServerLoad } from './$types';

const emailInput = z.object({
  email: z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(
      z
        .string()
        .min(1, { error: 'Enter the email address you joined with' })
        .pipe(z.email({ error: 'Enter an email address in the right format, like name@example.com' }).max(254)),
    ),
});

export const load: PageServerLoad = ({ url }) => ({
  ended: url.searchParams.get('ended') === '1',
  signedOut: url.searchParams.get('signed-out') === '1',
});

export const actions: Actions = {
  default: async ({ request, params }) => {
    const values = readValues(await request.formData(), ['email']);
    const checked = check(emailInput, values);
    if ('errors' in checked) return fail(400, { values, errors: checked.errors });
    try {
      await api(null).requestSignInLink(params.tenant, checked.input.email);
    } catch (e) {
      return apiFailure(e, { values });
    }
    // The same answer whether or not the address belongs to a member.
    return { sent: checked.input.email };
  },
};

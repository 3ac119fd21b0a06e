import { z } from 'zod';
import { api } from '$lib/server/api';
import { readWith, save, valuesOf } from '$lib/server/forms';
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
  default: async ({ request, params, url }) => {
    const values = valuesOf(await request.formData(), ['email']);
    const sent = await save(readWith(emailInput, values, values), ({ email }) => api(null).requestSignInLink(params.tenant, email).then(() => email), { url });
    if (!sent.ok) return sent.failure;
    // The same answer whether or not the address belongs to a member.
    return { sent: sent.value };
  },
};

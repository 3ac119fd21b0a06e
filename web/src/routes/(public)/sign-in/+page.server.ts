import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { formText, readWith, valuesOf } from '$lib/server/forms';
import { safeReturnTo } from '$lib/server/guard';
import { signIn, staffHome } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const signInForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: 'Enter your email address' })
    .max(254, { error: 'Email address must be 254 characters or fewer' })
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' })),
  password: z.string().min(1, { error: 'Enter your password' }).max(256, { error: 'Password must be 256 characters or fewer' }),
});

const WRONG = 'Enter a correct email address and password';

export const load: PageServerLoad = ({ locals, url }) => {
  const caller = locals.session?.caller;
  const home = caller && (safeReturnTo(url.searchParams.get('returnTo'), caller) ?? staffHome(caller));
  if (home) redirect(303, home);
  return { signedOut: url.searchParams.has('signedOut'), askedFor: url.searchParams.has('returnTo') };
};

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    // The password is never sent back to the page.
    const values = valuesOf(form, ['email']);
    const read = readWith(signInForm, { ...values, password: formText(form, 'password') }, values);
    if (read.errors) return fail(400, { values, errors: read.errors });

    const result = await signIn(cookies, read.input.email, read.input.password);
    if (!result.ok) {
      const message =
        result.reason === 'too-many'
          ? result.says
          : result.reason === 'not-staff'
            ? 'This account cannot sign in here. Staff accounts are set up by your partnership’s admin.'
            : result.reason === 'new-password'
              ? 'You need to set a new password before you can sign in. Ask your partnership’s admin to help you.'
              : WRONG;
      return fail(result.reason === 'too-many' ? 429 : 400, { values, errors: { email: message } });
    }
    redirect(303, safeReturnTo(url.searchParams.get('returnTo'), result.session.caller) ?? staffHome(result.session.caller)!);
  },
};

import { z } from 'zod';

export const roles = ['admin', 'officer', 'partner', 'parent'] as const;
export type Role = (typeof roles)[number];

/** Who is asking, read from a verified Cognito ID token. */
export interface Caller {
  sub: string;
  email: string;
  tenantId: string;
  roles: Role[];
}

/** Where each staff role lands after signing in. */
export const homeFor: Record<Exclude<Role, 'parent'>, string> = {
  admin: '/admin',
  officer: '/officer',
  partner: '/partner',
};

/** Staff signing in (the web's form and the API's body): the same words either way. */
export const staffSignIn = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: 'Enter your email address' })
    .max(254, { error: 'Email address must be 254 characters or fewer' })
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' })),
  password: z.string().min(1, { error: 'Enter your password' }).max(256, { error: 'Password must be 256 characters or fewer' }),
});

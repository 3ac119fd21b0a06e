import * as z from 'zod';
import { clientOf } from '../platform/client.ts';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { requestSignInLink } from './membership.service.ts';

const body = z.object({
  email: z
    .string({ error: 'Enter the email address you joined with' })
    .trim()
    .toLowerCase()
    .min(1, { error: 'Enter the email address you joined with' })
    .pipe(z.email({ error: 'Enter an email address in the right format, like name@example.com' }).max(254)),
});

export const handler = apiHandler({ access: { public: true }, params: tenantParams, body }, async ({ params, body, event }) => {
  await requestSignInLink(params.tenantId, body.email, clientOf(event));
  return { status: 202, body: { outcome: 'check-email' } };
});

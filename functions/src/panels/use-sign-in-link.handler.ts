import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { useSignInLink } from './membership.service.ts';
import { tokenBody } from './panels.params.ts';

export const handler = apiHandler({ access: { public: true }, params: tenantParams, body: tokenBody }, async ({ params, body }) => ({
  body: await useSignInLink(params.tenantId, body.token),
}));

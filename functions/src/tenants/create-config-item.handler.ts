import { apiHandler } from '../platform/http.ts';
import { kindParams, parseConfigInput } from './tenants.params.ts';
import { createConfigItem } from './tenants.service.ts';

export const handler = apiHandler(
  { access: { roles: ['admin'] }, params: kindParams, idempotent: true },
  async ({ params, body, caller }) => ({
    status: 201,
    body: await createConfigItem(caller!, params.tenantId, params.kind, parseConfigInput(params.kind, body)),
  }),
);

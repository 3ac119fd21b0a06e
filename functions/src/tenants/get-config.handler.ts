import { apiHandler } from '../platform/http.ts';
import { tenantParams } from './tenants.params.ts';
import { getConfig } from './tenants.service.ts';

export const handler = apiHandler(
  { access: { roles: ['admin', 'officer', 'partner'] }, params: tenantParams },
  async ({ params }) => ({ body: await getConfig(params.tenantId) }),
);

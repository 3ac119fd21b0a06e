import { apiHandler } from '../platform/http.ts';
import { tenantParams } from './tenants.params.ts';
import { getPublicTenant } from './tenants.service.ts';

export const handler = apiHandler({ access: { public: true }, params: tenantParams }, async ({ params }) => ({
  body: await getPublicTenant(params.tenantId),
  headers: { 'cache-control': 'public, max-age=60' },
}));

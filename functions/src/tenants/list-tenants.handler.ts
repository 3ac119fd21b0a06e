import { apiHandler } from '../platform/http.ts';
import { listTenants } from './tenants.service.ts';

export const handler = apiHandler({ access: { public: true } }, async () => ({
  body: { items: await listTenants() },
  headers: { 'cache-control': 'public, max-age=60' },
}));

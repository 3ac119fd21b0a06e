import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './feedback.params.ts';
import { listThemes } from './themes.service.ts';

export const handler = apiHandler({ access: staff, params: tenantParams }, async ({ params }) => ({
  body: { items: await listThemes(params.tenantId) },
}));

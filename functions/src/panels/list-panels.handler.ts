import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './panels.params.ts';
import { listPanels } from './panels.service.ts';

export const handler = apiHandler({ access: staff, params: tenantParams }, async ({ params }) => ({ body: await listPanels(params.tenantId) }));

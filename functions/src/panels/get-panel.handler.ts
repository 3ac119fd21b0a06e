import { apiHandler } from '../platform/http.ts';
import { panelParams, staff } from './panels.params.ts';
import { requirePanel } from './panels.service.ts';

export const handler = apiHandler({ access: staff, params: panelParams }, async ({ params }) => ({ body: await requirePanel(params.tenantId, params.panelId) }));

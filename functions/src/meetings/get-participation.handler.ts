import { panelParams, staff } from '../panels/panels.params.ts';
import { apiHandler } from '../platform/http.ts';
import { participation } from './meetings.service.ts';

export const handler = apiHandler({ access: staff, params: panelParams }, async ({ params }) => ({ body: await participation(params.tenantId, params.panelId) }));

import { panelParams, staff } from '../panels/panels.params.ts';
import { apiHandler } from '../platform/http.ts';
import { listMeetings } from './meetings.service.ts';

export const handler = apiHandler({ access: staff, params: panelParams }, async ({ params }) => ({ body: await listMeetings(params.tenantId, params.panelId) }));

import { apiHandler } from '../platform/http.ts';
import { memberParams, staff } from './panels.params.ts';
import { confirmByOfficer } from './panels.service.ts';

export const handler = apiHandler({ access: staff, params: memberParams }, async ({ params, caller }) => ({
  body: await confirmByOfficer(caller!, params.tenantId, params.panelId, params.memberId),
}));

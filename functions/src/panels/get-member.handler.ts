import { apiHandler } from '../platform/http.ts';
import { memberParams, staff } from './panels.params.ts';
import { getMemberForOfficer } from './panels.service.ts';

export const handler = apiHandler({ access: staff, params: memberParams }, async ({ params }) => ({
  body: await getMemberForOfficer(params.tenantId, params.panelId, params.memberId),
}));

import { apiHandler } from '../platform/http.ts';
import { panelParams } from './panels.params.ts';
import { publicPanel } from './panels.service.ts';

export const handler = apiHandler({ access: { public: true }, params: panelParams }, async ({ params }) => ({
  body: (await publicPanel(params.tenantId, params.panelId)).panel,
}));

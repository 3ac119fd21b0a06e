import { joinInput } from '@pv/shared/panel.schema';
import { apiHandler } from '../platform/http.ts';
import { panelParams } from './panels.params.ts';
import { join } from './panels.service.ts';

export const handler = apiHandler({ access: { public: true }, params: panelParams, body: joinInput, idempotent: true }, async ({ params, body }) => ({
  status: 202,
  body: await join(params.tenantId, params.panelId, body),
}));

import { joinInput } from '@pv/shared/panel.schema';
import { clientOf } from '../platform/client.ts';
import { apiHandler } from '../platform/http.ts';
import { panelParams } from './panels.params.ts';
import { join } from './panels.service.ts';

export const handler = apiHandler({ access: { public: true }, params: panelParams, body: joinInput, idempotent: true }, async ({ params, body, event }) => ({
  status: 202,
  body: await join(params.tenantId, params.panelId, body, clientOf(event)),
}));

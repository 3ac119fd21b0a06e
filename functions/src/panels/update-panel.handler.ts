import { panelUpdateInput } from '@pv/shared/panel.schema';
import { apiHandler } from '../platform/http.ts';
import { panelParams, staff } from './panels.params.ts';
import { updatePanel } from './panels.service.ts';

export const handler = apiHandler({ access: staff, params: panelParams, body: panelUpdateInput }, async ({ params, body, caller }) => {
  const { version, ...input } = body;
  return { body: await updatePanel(caller!, params.tenantId, params.panelId, version, input) };
});

import { panelInput } from '@pv/shared/panel.schema';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './panels.params.ts';
import { createPanel } from './panels.service.ts';

export const handler = apiHandler({ access: staff, params: tenantParams, body: panelInput, idempotent: true }, async ({ params, body, caller }) => ({
  status: 201,
  body: await createPanel(caller!, params.tenantId, body),
}));

import { moveInput } from '@pv/shared/config.schema';
import { apiHandler } from '../platform/http.ts';
import { itemParams } from './tenants.params.ts';
import { moveConfigItem } from './tenants.service.ts';

export const handler = apiHandler(
  { access: { roles: ['admin'] }, params: itemParams, body: moveInput },
  async ({ params, body, caller }) => ({
    body: await moveConfigItem(caller!, params.tenantId, params.kind, params.id, body.direction, body.version),
  }),
);

import { tenantSettingsInput } from '@pv/shared/config.schema';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from './tenants.params.ts';
import { updateTenantSettings } from './tenants.service.ts';

export const handler = apiHandler(
  { access: { roles: ['admin'] }, params: tenantParams, body: tenantSettingsInput },
  async ({ params, body, caller }) => {
    const { version, ...input } = body;
    return { body: await updateTenantSettings(caller!, params.tenantId, version, input) };
  },
);

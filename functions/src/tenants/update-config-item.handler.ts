import { updateEnvelope } from '@pv/shared/config.schema';
import { apiHandler, parseWith } from '../platform/http.ts';
import { itemParams, parseConfigInput } from './tenants.params.ts';
import { updateConfigItem } from './tenants.service.ts';

export const handler = apiHandler({ access: { roles: ['admin'] }, params: itemParams }, async ({ params, body, caller }) => {
  const input = parseConfigInput(params.kind, body);
  const { version } = parseWith(updateEnvelope, body, 'information you gave');
  return { body: await updateConfigItem(caller!, params.tenantId, params.kind, params.id, version, input) };
});

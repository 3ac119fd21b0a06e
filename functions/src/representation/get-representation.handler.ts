import { listPanels } from '../panels/panels.service.ts';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { getConfig } from '../tenants/tenants.service.ts';
import { representation } from './representation.service.ts';

/** Aggregates only, already suppressed: partners may read it too. */
export const handler = apiHandler({ access: { roles: ['officer', 'admin', 'partner'] }, params: tenantParams }, async ({ params }) => {
  const [config, panels] = await Promise.all([getConfig(params.tenantId), listPanels(params.tenantId)]);
  const { views } = await representation(config, panels.filter((p) => p.status === 'active'));
  return { body: views };
});

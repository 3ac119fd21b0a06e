import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { rebuildInsightCounters } from './recount.service.ts';

/** An admin's repair job: every counter behind the partner views rebuilt from the source items. */
export const handler = apiHandler({ access: { roles: ['admin'] }, params: tenantParams }, async ({ params }) => ({
  body: await rebuildInsightCounters(params.tenantId),
}));

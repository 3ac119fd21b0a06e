import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './feedback.params.ts';
import { safeguardingList } from './triage.service.ts';

/** Flagged comments: the partnership's safeguarding contact only (403 for anyone else). */
export const handler = apiHandler({ access: staff, params: tenantParams }, async ({ params, caller }) => ({
  body: { items: await safeguardingList(caller!, params.tenantId) },
}));

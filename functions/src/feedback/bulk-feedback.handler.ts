import { bulkInput } from '@pv/shared/feedback.schema';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './feedback.params.ts';
import { bulk } from './triage.service.ts';

export const handler = apiHandler({ access: staff, params: tenantParams, body: bulkInput }, async ({ params, body, caller }) => ({
  body: await bulk(caller!, params.tenantId, body),
}));

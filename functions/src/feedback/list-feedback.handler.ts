import { triageFilter } from '@pv/shared/feedback.schema';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './feedback.params.ts';
import { triageQueue } from './triage.service.ts';

/** The triage queue: a page of comments with their suggested priorities, and the count in each tab. */
export const handler = apiHandler({ access: staff, params: tenantParams, query: triageFilter }, async ({ params, query }) => ({
  body: await triageQueue(params.tenantId, query),
}));

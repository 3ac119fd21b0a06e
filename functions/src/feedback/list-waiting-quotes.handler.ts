import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './feedback.params.ts';
import { waitingQuotes } from './triage.service.ts';

/** Quotes waiting for a second person's approval (officers and admins). */
export const handler = apiHandler({ access: staff, params: tenantParams }, async ({ params }) => ({
  body: { items: await waitingQuotes(params.tenantId) },
}));

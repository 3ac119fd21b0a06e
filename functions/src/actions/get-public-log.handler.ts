import { logFilter } from '@pv/shared/action.schema';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { publicLog } from './actions.service.ts';

/** The public "you said, we did" log: published actions only, newest first, with plain counts. */
export const handler = apiHandler({ access: { public: true }, params: tenantParams, query: logFilter }, async ({ params, query }) => ({
  body: await publicLog(params.tenantId, query),
}));

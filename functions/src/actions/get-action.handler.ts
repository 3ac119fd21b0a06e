import { apiHandler } from '../platform/http.ts';
import { actionParams, staff } from './actions.params.ts';
import { getAction } from './actions.service.ts';

/** An action, and what the personal-data check finds in its words now. */
export const handler = apiHandler({ access: staff, params: actionParams }, async ({ params }) => ({
  body: await getAction(params.tenantId, params.actionId),
}));

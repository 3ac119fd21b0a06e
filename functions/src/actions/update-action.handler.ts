import { actionUpdateInput } from '@pv/shared/action.schema';
import { apiHandler } from '../platform/http.ts';
import { actionParams, staff } from './actions.params.ts';
import { updateAction } from './actions.service.ts';

export const handler = apiHandler({ access: staff, params: actionParams, body: actionUpdateInput }, async ({ params, body, caller }) => {
  const { version, ...input } = body;
  return { body: await updateAction(caller!, params.tenantId, params.actionId, version, input) };
});

import { submitInput } from '@pv/shared/action.schema';
import { apiHandler } from '../platform/http.ts';
import { actionParams, staff } from './actions.params.ts';
import { submitAction } from './actions.service.ts';

export const handler = apiHandler({ access: staff, params: actionParams, body: submitInput }, async ({ params, body, caller }) => ({
  body: await submitAction(caller!, params.tenantId, params.actionId, body.version, body.confirmed),
}));

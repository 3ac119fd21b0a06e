import { returnInput } from '@pv/shared/action.schema';
import { apiHandler } from '../platform/http.ts';
import { actionParams, staff } from './actions.params.ts';
import { returnAction } from './actions.service.ts';

export const handler = apiHandler({ access: staff, params: actionParams, body: returnInput }, async ({ params, body, caller }) => ({
  body: await returnAction(caller!, params.tenantId, params.actionId, body.version, body.reason),
}));

import { approveInput } from '@pv/shared/action.schema';
import { apiHandler } from '../platform/http.ts';
import { actionParams, staff } from './actions.params.ts';
import { approveAction } from './actions.service.ts';
import { tellContributors } from './closing-the-loop.ts';

/** A second person approves: the action appears on (or changes on) the public log, and contributors hear. */
export const handler = apiHandler({ access: staff, params: actionParams, body: approveInput }, async ({ params, body, caller }) => {
  const { action, tellContributors: tell } = await approveAction(caller!, params.tenantId, params.actionId, body.version);
  if (tell) await tellContributors(params.tenantId, action);
  return { body: action };
});

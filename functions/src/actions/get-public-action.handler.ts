import { apiHandler } from '../platform/http.ts';
import { actionParams } from './actions.params.ts';
import { publicAction } from './actions.service.ts';

export const handler = apiHandler({ access: { public: true }, params: actionParams }, async ({ params }) => ({
  body: await publicAction(params.tenantId, params.actionId),
}));

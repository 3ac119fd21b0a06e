import { actionInput } from '@pv/shared/action.schema';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './actions.params.ts';
import { createAction } from './actions.service.ts';

export const handler = apiHandler({ access: staff, params: tenantParams, body: actionInput, idempotent: true }, async ({ params, body, caller }) => ({
  status: 201,
  body: await createAction(caller!, params.tenantId, body),
}));

import * as z from 'zod';
import { version } from '@pv/shared/validation';
import { apiHandler } from '../platform/http.ts';
import { itemParams } from './tenants.params.ts';
import { deleteConfigItem } from './tenants.service.ts';

const query = z.object({ version });

export const handler = apiHandler({ access: { roles: ['admin'] }, params: itemParams, query }, async ({ params, query, caller }) => {
  await deleteConfigItem(caller!, params.tenantId, params.kind, params.id, query.version);
  return { status: 204 };
});

import * as z from 'zod';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './actions.params.ts';
import { listActions } from './actions.service.ts';

const query = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: z.string().max(1000).optional() });

export const handler = apiHandler({ access: staff, params: tenantParams, query }, async ({ params, query }) => ({
  body: await listActions(params.tenantId, query.limit, query.cursor),
}));

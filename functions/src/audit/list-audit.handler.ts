import * as z from 'zod';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { listAudit } from './audit.repository.ts';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(400).optional(),
});

export const handler = apiHandler({ access: { roles: ['admin'] }, params: tenantParams, query }, async ({ params, query }) => ({
  body: await listAudit(params.tenantId, query.limit, query.cursor),
}));

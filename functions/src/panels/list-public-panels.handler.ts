import * as z from 'zod';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { publicPanels } from './panels.service.ts';

const query = z.object({ postcode: z.string().max(20, { error: 'Enter a postcode, like NG18 2AB' }).optional() });

export const handler = apiHandler({ access: { public: true }, params: tenantParams, query }, async ({ params, query }) => ({
  body: await publicPanels(params.tenantId, query.postcode),
}));

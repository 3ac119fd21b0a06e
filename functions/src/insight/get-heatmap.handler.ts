import { insightQuery } from '@pv/shared/insight.schema';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { readers } from './insight.params.ts';
import { heatmap } from './insight.service.ts';

export const handler = apiHandler({ access: readers, params: tenantParams, query: insightQuery }, async ({ params, query }) => ({
  body: await heatmap(params.tenantId, query),
}));

import { insightQuery } from '@pv/shared/insight.schema';
import { apiHandler } from '../platform/http.ts';
import { readers, themeParams } from './insight.params.ts';
import { theme } from './insight.service.ts';

export const handler = apiHandler({ access: readers, params: themeParams, query: insightQuery }, async ({ params, query }) => ({
  body: await theme(params.tenantId, params.themeId, query),
}));

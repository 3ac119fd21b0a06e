import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { listPublicSurveys } from './responses.service.ts';

export const handler = apiHandler({ access: { public: true }, params: tenantParams }, async ({ params }) => ({
  body: await listPublicSurveys(params.tenantId),
}));

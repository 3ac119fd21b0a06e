import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './surveys.params.ts';
import { listSurveys } from './surveys.service.ts';

export const handler = apiHandler({ access: staff, params: tenantParams }, async ({ params }) => ({
  body: await listSurveys(params.tenantId),
}));

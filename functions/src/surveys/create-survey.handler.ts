import { surveyInput } from '@pv/shared/survey.schema';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './surveys.params.ts';
import { createSurvey } from './surveys.service.ts';

export const handler = apiHandler({ access: staff, params: tenantParams, body: surveyInput, idempotent: true }, async ({ params, body, caller }) => ({
  status: 201,
  body: await createSurvey(caller!, params.tenantId, body),
}));

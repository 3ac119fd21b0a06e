import { apiHandler } from '../platform/http.ts';
import { staff, surveyParams } from './surveys.params.ts';
import { getSurvey } from './surveys.service.ts';

export const handler = apiHandler({ access: staff, params: surveyParams }, async ({ params }) => ({
  body: await getSurvey(params.tenantId, params.surveyId),
}));

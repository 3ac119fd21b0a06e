import { apiHandler } from '../platform/http.ts';
import { publicSurvey } from './responses.service.ts';
import { surveyParams } from './surveys.params.ts';

export const handler = apiHandler({ access: { public: true }, params: surveyParams }, async ({ params }) => ({
  body: await publicSurvey(params.tenantId, params.surveyId),
}));

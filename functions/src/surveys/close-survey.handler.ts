import { apiHandler } from '../platform/http.ts';
import { staff, surveyParams, versionBody } from './surveys.params.ts';
import { closeSurvey } from './surveys.service.ts';

export const handler = apiHandler({ access: staff, params: surveyParams, body: versionBody }, async ({ params, body, caller }) => ({
  body: await closeSurvey(caller!, params.tenantId, params.surveyId, body.version),
}));

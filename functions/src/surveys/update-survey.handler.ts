import { surveyUpdateInput } from '@pv/shared/survey.schema';
import { apiHandler } from '../platform/http.ts';
import { staff, surveyParams } from './surveys.params.ts';
import { updateSurvey } from './surveys.service.ts';

export const handler = apiHandler({ access: staff, params: surveyParams, body: surveyUpdateInput }, async ({ params, body, caller }) => {
  const { version, ...input } = body;
  return { body: await updateSurvey(caller!, params.tenantId, params.surveyId, version, input) };
});

import { resultsQuery } from '@pv/shared/survey.schema';
import { apiHandler } from '../platform/http.ts';
import { staff, surveyParams } from './surveys.params.ts';
import { results } from './surveys.service.ts';

export const handler = apiHandler({ access: staff, params: surveyParams, query: resultsQuery }, async ({ params, query }) => ({
  body: await results(params.tenantId, params.surveyId, query),
}));

import { apiHandler } from '../platform/http.ts';
import { submit } from './responses.service.ts';
import { draftToken, staff, surveyParams } from './surveys.params.ts';

export const handler = apiHandler({ access: staff, params: surveyParams }, async ({ params, event, caller }) => ({
  body: await submit(params.tenantId, params.surveyId, draftToken(event), caller),
}));

import { apiHandler } from '../platform/http.ts';
import { readDraft } from './responses.service.ts';
import { draftToken, surveyParams } from './surveys.params.ts';

export const handler = apiHandler({ access: { public: true }, params: surveyParams }, async ({ params, event }) => ({
  body: await readDraft(params.tenantId, params.surveyId, draftToken(event)),
}));

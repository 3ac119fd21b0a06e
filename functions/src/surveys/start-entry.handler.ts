import { assistedDraftInput } from '@pv/shared/survey.schema';
import { apiHandler } from '../platform/http.ts';
import { startAssistedDraft } from './responses.service.ts';
import { staff, surveyParams } from './surveys.params.ts';

export const handler = apiHandler({ access: staff, params: surveyParams, body: assistedDraftInput }, async ({ params, body, caller }) => ({
  status: 201,
  body: await startAssistedDraft(caller!, params.tenantId, params.surveyId, body),
}));

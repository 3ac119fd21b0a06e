import { startDraftInput } from '@pv/shared/survey.schema';
import { clientOf } from '../platform/client.ts';
import { apiHandler } from '../platform/http.ts';
import { startDraft } from './responses.service.ts';
import { surveyParams } from './surveys.params.ts';

/** Starts answering: a new draft (rate limited per client), or the draft of a personal invitation. */
export const handler = apiHandler({ access: { public: true }, params: surveyParams, body: startDraftInput }, async ({ params, body, event }) => ({
  status: 201,
  body: await startDraft(params.tenantId, params.surveyId, body, clientOf(event)),
}));

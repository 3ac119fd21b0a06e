import { clientOf } from '../platform/client.ts';
import { apiHandler } from '../platform/http.ts';
import { submit } from './responses.service.ts';
import { draftToken, surveyParams } from './surveys.params.ts';

/** Idempotent by the draft: a repeat (double click, retry, back button) answers the same and stores nothing more. */
export const handler = apiHandler({ access: { public: true }, params: surveyParams }, async ({ params, event }) => ({
  body: await submit(params.tenantId, params.surveyId, draftToken(event), undefined, clientOf(event)),
}));

import { resumeLinkInput } from '@pv/shared/survey.schema';
import { clientOf } from '../platform/client.ts';
import { apiHandler } from '../platform/http.ts';
import { emailResumeLink } from './responses.service.ts';
import { draftToken, surveyParams } from './surveys.params.ts';

export const handler = apiHandler({ access: { public: true }, params: surveyParams, body: resumeLinkInput }, async ({ params, body, event }) => {
  await emailResumeLink(params.tenantId, params.surveyId, draftToken(event), body.email, clientOf(event));
  return { status: 202, body: { sent: true } };
});

import { saveSectionInput } from '@pv/shared/survey.schema';
import { apiHandler } from '../platform/http.ts';
import { saveSection } from './responses.service.ts';
import { draftToken, sectionParams } from './surveys.params.ts';

export const handler = apiHandler({ access: { public: true }, params: sectionParams, body: saveSectionInput }, async ({ params, body, event }) => ({
  body: await saveSection(params.tenantId, params.surveyId, draftToken(event), params.sectionId, body.answers),
}));

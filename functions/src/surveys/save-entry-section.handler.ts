import { saveSectionInput } from '@pv/shared/survey.schema';
import { apiHandler } from '../platform/http.ts';
import { saveSection } from './responses.service.ts';
import { draftToken, sectionParams, staff } from './surveys.params.ts';

export const handler = apiHandler({ access: staff, params: sectionParams, body: saveSectionInput }, async ({ params, body, event, caller }) => ({
  body: await saveSection(params.tenantId, params.surveyId, draftToken(event), params.sectionId, body.answers, caller),
}));

import { apiHandler } from '../platform/http.ts';
import { invitationStats } from './invitations.service.ts';
import { staff, surveyParams } from './surveys.params.ts';

export const handler = apiHandler({ access: staff, params: surveyParams }, async ({ params }) => ({
  body: await invitationStats(params.tenantId, params.surveyId),
}));

import { inviteInput } from '@pv/shared/survey.schema';
import { apiHandler } from '../platform/http.ts';
import { invite } from './invitations.service.ts';
import { staff, surveyParams } from './surveys.params.ts';

export const handler = apiHandler({ access: staff, params: surveyParams, body: inviteInput, idempotent: true }, async ({ params, body, caller }) => ({
  body: await invite(caller!, params.tenantId, params.surveyId, body),
}));

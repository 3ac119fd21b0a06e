import { safeguardingInput } from '@pv/shared/feedback.schema';
import { apiHandler } from '../platform/http.ts';
import { feedbackParams, staff } from './feedback.params.ts';
import { flagSafeguarding } from './triage.service.ts';

export const handler = apiHandler({ access: staff, params: feedbackParams, body: safeguardingInput }, async ({ params, body, caller }) => {
  await flagSafeguarding(caller!, params.tenantId, params.feedbackId, body.version, body.reason);
  return { status: 204 };
});

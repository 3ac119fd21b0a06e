import { eraseFeedbackInput } from '@pv/shared/feedback.schema';
import { apiHandler } from '../platform/http.ts';
import { feedbackParams, staff } from './feedback.params.ts';
import { eraseFeedback } from './triage.service.ts';

export const handler = apiHandler({ access: staff, params: feedbackParams, body: eraseFeedbackInput }, async ({ params, body, caller }) => {
  await eraseFeedback(caller!, params.tenantId, params.feedbackId, body.version, body.reason);
  return { status: 204 };
});

import { apiHandler } from '../platform/http.ts';
import { feedbackParams, staff } from './feedback.params.ts';
import { getFeedbackView } from './triage.service.ts';

export const handler = apiHandler({ access: staff, params: feedbackParams }, async ({ params }) => ({
  body: await getFeedbackView(params.tenantId, params.feedbackId),
}));

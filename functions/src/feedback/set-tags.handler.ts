import { tagInput } from '@pv/shared/feedback.schema';
import { apiHandler } from '../platform/http.ts';
import { feedbackParams, staff } from './feedback.params.ts';
import { setTags } from './triage.service.ts';

export const handler = apiHandler({ access: staff, params: feedbackParams, body: tagInput }, async ({ params, body }) => ({
  body: await setTags(params.tenantId, params.feedbackId, body),
}));

import { statusInput } from '@pv/shared/feedback.schema';
import { apiHandler } from '../platform/http.ts';
import { feedbackParams, staff } from './feedback.params.ts';
import { setStatus } from './triage.service.ts';

export const handler = apiHandler({ access: staff, params: feedbackParams, body: statusInput }, async ({ params, body, caller }) => ({
  body: await setStatus(caller!, params.tenantId, params.feedbackId, body.version, body.status),
}));

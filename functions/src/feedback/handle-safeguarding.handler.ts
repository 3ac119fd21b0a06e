import * as z from 'zod';
import { text, version } from '@pv/shared/validation';
import { apiHandler } from '../platform/http.ts';
import { feedbackParams, staff } from './feedback.params.ts';
import { handleSafeguarding } from './triage.service.ts';

const body = z.object({ version, note: text('Say what was done', 'What was done', { max: 1000 }) });

export const handler = apiHandler({ access: staff, params: feedbackParams, body }, async ({ params, body, caller }) => {
  await handleSafeguarding(caller!, params.tenantId, params.feedbackId, body.version, body.note);
  return { status: 204 };
});

import { quoteInput } from '@pv/shared/feedback.schema';
import { apiHandler } from '../platform/http.ts';
import { feedbackParams, staff } from './feedback.params.ts';
import { setQuote } from './triage.service.ts';

/** Words from a comment partners may read on its theme's page once a second person approves them (an empty text takes them away). */
export const handler = apiHandler({ access: staff, params: feedbackParams, body: quoteInput }, async ({ params, body, caller }) => ({
  body: await setQuote(caller!, params.tenantId, params.feedbackId, body.version, body.text),
}));

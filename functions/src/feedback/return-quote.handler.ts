import { returnInput } from '@pv/shared/action.schema';
import { apiHandler } from '../platform/http.ts';
import { feedbackParams, staff } from './feedback.params.ts';
import { returnQuote } from './triage.service.ts';

/** Sends a quote waiting for approval back to its author, saying what needs changing. */
export const handler = apiHandler({ access: staff, params: feedbackParams, body: returnInput }, async ({ params, body, caller }) => ({
  body: await returnQuote(caller!, params.tenantId, params.feedbackId, body.version, body.reason),
}));

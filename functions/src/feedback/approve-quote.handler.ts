import { approveInput } from '@pv/shared/action.schema';
import { apiHandler } from '../platform/http.ts';
import { feedbackParams, staff } from './feedback.params.ts';
import { approveQuote } from './triage.service.ts';

/** A second person approves a quote: partners read it on its theme's page from now on. */
export const handler = apiHandler({ access: staff, params: feedbackParams, body: approveInput }, async ({ params, body, caller }) => ({
  body: await approveQuote(caller!, params.tenantId, params.feedbackId, body.version),
}));

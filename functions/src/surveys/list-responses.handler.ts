import * as z from 'zod';
import { apiHandler } from '../platform/http.ts';
import { staff, surveyParams } from './surveys.params.ts';
import { listResponses } from './surveys.repository.ts';
import { requireSurvey } from './surveys.service.ts';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z.string().max(600).optional(),
});

/** Stored responses, a page at a time, for the CSV export. Groups (derived from equality answers) are never included. */
export const handler = apiHandler({ access: staff, params: surveyParams, query }, async ({ params, query }) => {
  await requireSurvey(params.tenantId, params.surveyId);
  const page = await listResponses(params.tenantId, params.surveyId, query.limit, query.cursor);
  return { body: { items: page.items.map(({ groups: _g, ...r }) => r), next: page.next } };
});

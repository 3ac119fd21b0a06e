import * as z from 'zod';
import { apiHandler } from '../platform/http.ts';
import { exportResponses } from './surveys.service.ts';
import { staff, surveyParams } from './surveys.params.ts';

const body = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z.string().max(600).optional(),
});

/**
 * Stored responses, a page at a time, for the CSV export: the answers and how they came, nothing
 * more. A POST, because taking the first page records the export in the audit log.
 */
export const handler = apiHandler({ access: staff, params: surveyParams, body }, async ({ params, body, caller }) => ({
  body: await exportResponses(caller!, params.tenantId, params.surveyId, body.limit, body.cursor),
}));

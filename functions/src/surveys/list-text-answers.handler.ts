import * as z from 'zod';
import { listTextAnswers } from '../feedback/feedback.repository.ts';
import { apiHandler } from '../platform/http.ts';
import { questionParams, staff } from './surveys.params.ts';
import { requireSurvey } from './surveys.service.ts';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(600).optional(),
  search: z.string().trim().max(100).optional(),
});

/** Free-text answers to one question, a page at a time, optionally searched. */
export const handler = apiHandler({ access: staff, params: questionParams, query }, async ({ params, query }) => {
  await requireSurvey(params.tenantId, params.surveyId);
  return { body: await listTextAnswers(params.tenantId, params.surveyId, params.questionId, query) };
});

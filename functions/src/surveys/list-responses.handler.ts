import * as z from 'zod';
import type { StoredResponse } from '@pv/shared/survey.schema';
import { apiHandler } from '../platform/http.ts';
import { staff, surveyParams } from './surveys.params.ts';
import { listResponses } from './surveys.repository.ts';
import { requireSurvey } from './surveys.service.ts';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z.string().max(600).optional(),
});

/**
 * Stored responses, a page at a time, for the CSV export: the answers and how they came, nothing
 * more. Never groups (derived from equality answers) and never who a named response came from.
 */
export const handler = apiHandler({ access: staff, params: surveyParams, query }, async ({ params, query }) => {
  await requireSurvey(params.tenantId, params.surveyId);
  const page = await listResponses(params.tenantId, params.surveyId, query.limit, query.cursor);
  const items: StoredResponse[] = page.items.map((r) => ({
    id: r.id,
    day: r.day,
    ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
    channel: r.channel,
    definitionVersion: r.definitionVersion,
    ...(r.hubId ? { hubId: r.hubId } : {}),
    ...(r.networkId ? { networkId: r.networkId } : {}),
    answers: r.answers,
    ...(r.paperRef ? { paperRef: r.paperRef } : {}),
    ...(r.enteredBy ? { enteredBy: r.enteredBy } : {}),
  }));
  return { body: { items, next: page.next } };
});

import { responsesCsv } from '@pv/shared/survey-csv';
import { orFail, today } from '$lib/server/officer';
import { allResponses, officerSurvey, placeNames } from '$lib/server/survey-staff';
import type { RequestHandler } from './$types';

/**
 * Every response as a CSV file: one row per response, one column per question, then where and how
 * it came in (survey-csv.ts makes the file: byte-order mark for Excel, every cell quoted, text that
 * looks like a formula made plain text). The API pages the responses (500 at a time) and never sends
 * the groups made from equality answers; the file has no column for them either.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const { client, tenantId, surveyId, survey } = await officerSurvey(locals, url, params.survey);
  const [config, responses] = await Promise.all([orFail(client.config(tenantId), url), orFail(allResponses(client, tenantId, surveyId), url)]);
  const csv = responsesCsv(survey.definition, responses, placeNames(config));
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${surveyId}-responses-${today()}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
};

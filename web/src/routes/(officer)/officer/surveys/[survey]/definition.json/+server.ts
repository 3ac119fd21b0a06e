import { officerSurvey } from '$lib/server/survey-staff';
import type { RequestHandler } from './$types';

/**
 * The survey's settings and its questions (sections, conditions, options, tags) as a JSON file: a
 * record of exactly what was asked, to keep with the responses or to build the survey again.
 * No answers and no counts.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const { surveyId, survey } = await officerSurvey(locals, url, params.survey);
  const body = {
    id: survey.id,
    title: survey.title,
    introduction: survey.introduction,
    privacyNotice: survey.privacyNotice,
    closesOn: survey.closesOn,
    audience: survey.audience,
    anonymous: survey.anonymous,
    status: survey.effectiveStatus,
    definitionVersion: survey.definitionVersion,
    ...(survey.publishedAt ? { publishedAt: survey.publishedAt } : {}),
    updatedAt: survey.updatedAt,
    definition: survey.definition,
  };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${surveyId}-questions.json"`,
      'cache-control': 'private, no-store',
    },
  });
};

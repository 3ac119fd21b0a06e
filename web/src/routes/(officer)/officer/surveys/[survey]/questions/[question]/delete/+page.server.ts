import { fail, redirect } from '@sveltejs/kit';
import { missingVersion, outlineErrors, questionOf, requireBuildable, saveDefinition, sentVersion, surveyContext } from '$lib/server/survey-builder';
import { deleteQuestion } from '$lib/server/survey-definition-edits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { survey } = await surveyContext(locals, url, params.survey);
  requireBuildable(survey);
  const at = questionOf(survey, params.question);
  return {
    survey: { id: survey.id, title: survey.title, status: survey.status },
    question: { id: at.question.id, label: at.question.label, section: `Section ${at.sectionIndex + 1}: ${at.section.title}` },
    version: survey.version,
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId, survey } = await surveyContext(locals, url, params.survey);
    requireBuildable(survey);
    const at = questionOf(survey, params.question);
    const version = sentVersion(await request.formData());
    if (!version) return fail(400, { errors: [{ message: missingVersion }] });
    const definition = deleteQuestion(survey.definition, at.question.id);
    const outcome = await saveDefinition(client, tenantId, survey, version, definition, url);
    if (!outcome.ok) {
      if ('conflict' in outcome) {
        return fail(409, { errors: [{ message: 'Someone else changed this survey while you were looking at it. Check the question below, then try again.' }] });
      }
      return fail(outcome.status, { errors: outlineErrors(outcome.errors, outcome.title, definition).summary.map((e) => ({ message: e.message })) });
    }
    redirect(303, `/officer/surveys/${survey.id}?deleted=${encodeURIComponent(at.question.label)}#section-${at.section.id}`);
  },
};

import { fail, redirect } from '@sveltejs/kit';
import { missingVersion, outlineErrors, requireBuildable, saveDefinition, sectionOf, sentVersion, surveyContext } from '$lib/server/survey-builder';
import { deleteSection } from '$lib/server/survey-definition-edits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { survey } = await surveyContext(locals, url, params.survey);
  requireBuildable(survey);
  const { section, index } = sectionOf(survey, params.section);
  return {
    survey: { id: survey.id, title: survey.title, status: survey.status },
    section: { id: section.id, title: section.title, number: index + 1, questions: section.questions.map((q) => q.label) },
    version: survey.version,
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId, survey } = await surveyContext(locals, url, params.survey);
    requireBuildable(survey);
    const { section } = sectionOf(survey, params.section);
    const version = sentVersion(await request.formData());
    if (!version) return fail(400, { errors: [{ message: missingVersion }] });
    const definition = deleteSection(survey.definition, section.id);
    const outcome = await saveDefinition(client, tenantId, survey, version, definition, url);
    if (!outcome.ok) {
      if ('conflict' in outcome) {
        return fail(409, { errors: [{ message: 'Someone else changed this survey while you were looking at it. Check the section below, then try again.' }] });
      }
      return fail(outcome.status, { errors: outlineErrors(outcome.errors, outcome.title, definition).summary.map((e) => ({ message: e.message })) });
    }
    redirect(303, `/officer/surveys/${survey.id}?deleted=${encodeURIComponent(section.title)}#questions`);
  },
};

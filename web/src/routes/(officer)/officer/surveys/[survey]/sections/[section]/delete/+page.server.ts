import { redirect } from '@sveltejs/kit';
import { buildableSurvey, changeOutline, sectionOf } from '$lib/server/survey-builder';
import { deleteSection } from '$lib/server/survey-definition-edits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { survey } = await buildableSurvey(locals, url, params.survey);
  const { section, index } = sectionOf(survey, params.section);
  return {
    survey: { id: survey.id, title: survey.title, status: survey.status },
    section: { id: section.id, title: section.title, number: index + 1, questions: section.questions.map((q) => q.label) },
    version: survey.version,
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const context = await buildableSurvey(locals, url, params.survey);
    const { section } = sectionOf(context.survey, params.section);
    const failure = await changeOutline(context, await request.formData(), (definition) => deleteSection(definition, section.id), {
      url,
      conflict: 'Someone else changed this survey while you were looking at it. Check the section below, then try again.',
    });
    if (failure) return failure;
    redirect(303, `/officer/surveys/${context.survey.id}?deleted=${encodeURIComponent(section.title)}#questions`);
  },
};

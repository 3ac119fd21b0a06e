import { redirect } from '@sveltejs/kit';
import { buildableSurvey, changeOutline, questionOf } from '$lib/server/survey-builder';
import { deleteQuestion } from '$lib/server/survey-definition-edits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { survey } = await buildableSurvey(locals, url, params.survey);
  const at = questionOf(survey, params.question);
  return {
    survey: { id: survey.id, title: survey.title, status: survey.status },
    question: { id: at.question.id, label: at.question.label, section: `Section ${at.sectionIndex + 1}: ${at.section.title}` },
    version: survey.version,
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const context = await buildableSurvey(locals, url, params.survey);
    const at = questionOf(context.survey, params.question);
    const failure = await changeOutline(context, await request.formData(), (definition) => deleteQuestion(definition, at.question.id), {
      url,
      conflict: 'Someone else changed this survey while you were looking at it. Check the question below, then try again.',
    });
    if (failure) return failure;
    redirect(303, `/officer/surveys/${context.survey.id}?deleted=${encodeURIComponent(at.question.label)}#section-${at.section.id}`);
  },
};

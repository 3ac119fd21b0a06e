import { redirect } from '@sveltejs/kit';
import { describeAnswer, pruneHidden, shownSectionIndexes, unansweredRequired, visibility } from '@pv/shared/survey-answers';
import { officerSurvey } from '$lib/server/survey-staff';
import { forgetPreviewAnswers, previewAnswers, previewPath } from '$lib/server/survey-preview';
import { dateInWords } from '$lib/words';
import type { Actions, PageServerLoad } from './$types';

/**
 * The start of a preview, and its end: "check your answers" with the answers given in the preview,
 * and what a parent sees once they have sent them. Nothing is sent.
 */
export const load: PageServerLoad = async ({ locals, url, params, cookies }) => {
  const { survey } = await officerSurvey(locals, url, params.survey);
  const base = previewPath(survey.id);
  const definition = survey.definition;
  const common = {
    survey: {
      id: survey.id,
      title: survey.title,
      introduction: survey.introduction,
      privacyNotice: survey.privacyNotice,
      closesOn: dateInWords(survey.closesOn),
      anonymous: survey.anonymous,
      sections: definition.sections.length,
    },
    base,
  };
  if (url.searchParams.has('sent')) return { ...common, state: 'sent' as const };
  if (!url.searchParams.has('check')) return { ...common, state: 'start' as const };

  const answers = pruneHidden(definition, previewAnswers(cookies, survey.id));
  const shown = visibility(definition, answers);
  const sections = definition.sections
    .filter((s) => shown.sections.has(s.id))
    .map((s) => ({
      id: s.id,
      title: s.title,
      href: `${base}/${s.id}`,
      rows: s.questions
        .filter((q) => shown.questions.has(q.id))
        .map((q) => ({ questionId: q.id, label: q.label, answer: describeAnswer(q, answers) || 'Not answered' })),
    }));
  const missing = unansweredRequired(definition, answers).map((m) => ({
    message: `Answer “${m.question.label}”`,
    href: `${base}/${definition.sections[m.sectionIndex]!.id}#q_${m.question.id}`,
  }));
  const last = shownSectionIndexes(definition, answers).at(-1);
  return { ...common, state: 'check' as const, sections, missing, back: last === undefined ? base : `${base}/${definition.sections[last]!.id}` };
};

export const actions: Actions = {
  start: async ({ locals, url, params, cookies }) => {
    const { survey } = await officerSurvey(locals, url, params.survey);
    forgetPreviewAnswers(cookies, survey.id);
    const [first] = shownSectionIndexes(survey.definition, {});
    const base = previewPath(survey.id);
    redirect(303, first === undefined ? `${base}?check` : `${base}/${survey.definition.sections[first]!.id}`);
  },
  submit: async ({ locals, url, params, cookies }) => {
    const { survey } = await officerSurvey(locals, url, params.survey);
    forgetPreviewAnswers(cookies, survey.id);
    redirect(303, `${previewPath(survey.id)}?sent`);
  },
};

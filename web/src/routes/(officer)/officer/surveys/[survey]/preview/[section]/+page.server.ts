import { fail, redirect } from '@sveltejs/kit';
import {
  checkSection,
  formValuesFor,
  nextSectionIndex,
  previousSectionIndex,
  progress,
  sectionFromForm,
  shownSectionIndexes,
  visibility,
  type Answers,
} from '@pv/shared/survey-answers';
import type { Section } from '@pv/shared/survey.schema';
import { sectionOf } from '$lib/server/survey-builder';
import { keepPreviewAnswers, previewAnswers, previewPath } from '$lib/server/survey-preview';
import { officerSurvey } from '$lib/server/survey-staff';
import { formToValues } from '$lib/survey-form';
import type { Actions, PageServerLoad } from './$types';

/**
 * One section of a preview, as a parent sees it: the same checks and the same choice of the next
 * section as the API makes (shared checkSection and nextSectionIndex), with the answers kept in a
 * cookie instead of a draft. Nothing is sent to the API.
 */

export const load: PageServerLoad = async ({ locals, url, params, cookies }) => {
  const { survey } = await officerSurvey(locals, url, params.survey);
  const { section, index } = sectionOf(survey, params.section);
  const definition = survey.definition;
  const answers = previewAnswers(cookies, survey.id);
  const base = previewPath(survey.id);
  // A section the answers so far hide (the back button after a change, an old link): go to one that is shown.
  if (!shownSectionIndexes(definition, answers).includes(index)) {
    const [first] = shownSectionIndexes(definition, answers);
    redirect(303, first === undefined ? base : `${base}/${definition.sections[first]!.id}`);
  }
  const shown = visibility(definition, answers).questions;
  const previous = previousSectionIndex(definition, answers, index);
  return {
    survey: { id: survey.id, title: survey.title },
    section: { ...section, questions: section.questions.filter((q) => shown.has(q.id)) },
    values: formValuesFor(section, answers),
    progress: progress(definition, answers, index),
    back: previous === undefined ? base : `${base}/${definition.sections[previous]!.id}`,
  };
};

function withoutSection(answers: Answers, section: Section): Answers {
  const ids = new Set(section.questions.map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([k]) => !ids.has(k.replace(/\.other$/, ''))));
}

export const actions: Actions = {
  save: async ({ request, locals, url, params, cookies }) => {
    const { survey } = await officerSurvey(locals, url, params.survey);
    const { section, index } = sectionOf(survey, params.section);
    const definition = survey.definition;
    const form = await request.formData();
    const prior = previewAnswers(cookies, survey.id);
    const raw = sectionFromForm(section, (name) => form.getAll(name).filter((v): v is string => typeof v === 'string'));
    const checked = checkSection(definition, section.id, raw, prior);
    if (!checked.ok) return fail(400, { values: formToValues(form), errors: checked.errors });
    const answers = { ...withoutSection(prior, section), ...checked.answers };
    keepPreviewAnswers(cookies, survey.id, definition, answers);
    const next = nextSectionIndex(definition, answers, index);
    const base = previewPath(survey.id);
    redirect(303, next === undefined ? `${base}?check` : `${base}/${definition.sections[next]!.id}`);
  },
};

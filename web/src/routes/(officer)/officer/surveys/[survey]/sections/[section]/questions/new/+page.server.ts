import { fail, redirect } from '@sveltejs/kit';
import { limits, questionTypeLabels } from '@pv/shared/survey.schema';
import { orFail, textOf } from '$lib/server/officer';
import {
  hubTagOptions,
  justAddedQuestion,
  missingVersion,
  newQuestionValues,
  priorityOptions,
  questionFormErrors,
  questionTypeOf,
  questionTypeOptions,
  readQuestionForm,
  requireBuildable,
  saveDefinition,
  sectionOf,
  sentVersion,
  surveyContext,
} from '$lib/server/survey-builder';
import { addQuestion, conditionSources, questionIds } from '$lib/server/survey-definition-edits';
import type { Actions, PageServerLoad } from './$types';

/**
 * Adding a question is two steps on one address: choose the type (a GET form, so ?type=… is in the
 * address and the back button works), then the form for that type.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId, survey } = await surveyContext(locals, url, params.survey);
  requireBuildable(survey);
  const { section, index } = sectionOf(survey, params.section);
  const common = {
    survey: { id: survey.id, title: survey.title, status: survey.status },
    section: { id: section.id, title: section.title, number: index + 1 },
  };
  const type = questionTypeOf(url.searchParams.get('type'));
  if (!type) {
    return {
      ...common,
      step: 'type' as const,
      types: questionTypeOptions,
      typeError: url.searchParams.has('step') ? 'Choose the type of question' : undefined,
    };
  }
  const config = await orFail(client.config(tenantId), url);
  return {
    ...common,
    step: 'details' as const,
    type,
    typeLabel: questionTypeLabels[type],
    values: newQuestionValues(type),
    sources: conditionSources(survey.definition, index),
    priorities: priorityOptions(config),
    hubs: hubTagOptions(config),
    limits,
    version: survey.version,
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId, survey } = await surveyContext(locals, url, params.survey);
    requireBuildable(survey);
    const { section } = sectionOf(survey, params.section);
    const form = await request.formData();
    const type = questionTypeOf(textOf(form, 'type'));
    if (!type) redirect(303, `/officer/surveys/${survey.id}/sections/${section.id}/questions/new?step=type`);
    const version = sentVersion(form);
    const read = readQuestionForm(form, type, undefined, questionIds(survey.definition));
    if (!read.question || !version) {
      return fail(400, { values: read.values, errors: { ...read.errors, ...(version ? {} : { _: missingVersion }) }, version: String(version ?? survey.version) });
    }
    const done = (id: string) => redirect(303, `/officer/surveys/${survey.id}?added=question&id=${id}#question-${id}`);
    if (survey.version !== version) {
      const repeat = justAddedQuestion(survey, section.id, read.question);
      if (repeat) done(repeat.id);
    }
    const definition = addQuestion(survey.definition, section.id, read.question);
    const outcome = await saveDefinition(client, tenantId, survey, version, definition, url);
    if (!outcome.ok) {
      if ('conflict' in outcome) return fail(409, { values: read.values, errors: {} as Record<string, string>, version: String(outcome.conflict.version), conflict: true });
      return fail(outcome.status, { values: read.values, errors: questionFormErrors(outcome.errors, outcome.title, definition, read.question), version: String(version) });
    }
    done(read.question.id);
  },
};

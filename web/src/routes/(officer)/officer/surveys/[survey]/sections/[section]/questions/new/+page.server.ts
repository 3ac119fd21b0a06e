import { fail, redirect } from '@sveltejs/kit';
import { limits, questionTypeLabels } from '@pv/shared/survey.schema';
import { formText, versioned } from '$lib/server/forms';
import { orFail } from '$lib/server/officer';
import {
  buildableSurvey,
  hubTagOptions,
  justAddedQuestion,
  newQuestionValues,
  priorityOptions,
  questionFormErrors,
  questionTypeOf,
  questionTypeOptions,
  readQuestionForm,
  saveDefinition,
  sectionOf,
} from '$lib/server/survey-builder';
import { addQuestion, conditionSources, questionIds } from '$lib/server/survey-definition-edits';
import type { Actions, PageServerLoad } from './$types';

/**
 * Adding a question is two steps on one address: choose the type (a GET form, so ?type=… is in the
 * address and the back button works), then the form for that type.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId, survey } = await buildableSurvey(locals, url, params.survey);
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
    const context = await buildableSurvey(locals, url, params.survey);
    const { survey } = context;
    const { section } = sectionOf(survey, params.section);
    const form = await request.formData();
    const type = questionTypeOf(formText(form, 'type'));
    if (!type) redirect(303, `/officer/surveys/${survey.id}/sections/${section.id}/questions/new?step=type`);
    const read = readQuestionForm(form, type, undefined, questionIds(survey.definition));
    const added = (id: string) => redirect(303, `/officer/surveys/${survey.id}?added=question&id=${id}#question-${id}`);
    // A double-submitted "add" arrives with the version the first one replaced.
    const sent = versioned(form, read);
    if (sent.input && sent.input.version !== survey.version) {
      const repeat = justAddedQuestion(survey, section.id, sent.input);
      if (repeat) added(repeat.id);
    }
    const saved = await saveDefinition(context, form, read, (question) => addQuestion(survey.definition, section.id, question), {
      url,
      toPage: questionFormErrors,
      onConflict: (current, values) => fail(409, { values, errors: {} as Record<string, string>, version: String(current.version), conflict: true }),
    });
    if (!saved.ok) return saved.failure;
    added(sent.input!.id);
  },
};

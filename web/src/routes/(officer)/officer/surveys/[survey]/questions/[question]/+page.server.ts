import { fail, redirect } from '@sveltejs/kit';
import { limits, questionTypeLabels } from '@pv/shared/survey.schema';
import { formText } from '$lib/server/forms';
import { orFail } from '$lib/server/officer';
import {
  buildableSurvey,
  hubTagOptions,
  priorityOptions,
  questionFormErrors,
  questionOf,
  questionValues,
  readQuestionForm,
  saveDefinition,
  theirQuestion,
} from '$lib/server/survey-builder';
import { changeQuestion, conditionSources, questionIds } from '$lib/server/survey-definition-edits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId, survey } = await buildableSurvey(locals, url, params.survey);
  const at = questionOf(survey, params.question);
  const config = await orFail(client.config(tenantId), url);
  const q = at.question;
  return {
    survey: { id: survey.id, title: survey.title, status: survey.status },
    question: { id: q.id, label: q.label, type: q.type, typeLabel: questionTypeLabels[q.type] },
    sections: survey.definition.sections.map((s, i) => ({ value: s.id, label: `Section ${i + 1}: ${s.title}` })),
    sources: conditionSources(survey.definition, at.sectionIndex),
    values: questionValues(q, at.section.id),
    priorities: priorityOptions(config, q.priorityIds),
    hubs: hubTagOptions(config, q.hubIds),
    limits,
    version: survey.version,
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const context = await buildableSurvey(locals, url, params.survey);
    const { survey } = context;
    const at = questionOf(survey, params.question);
    const form = await request.formData();
    const read = readQuestionForm(form, at.question.type, at.question, questionIds(survey.definition));
    const toSection = formText(form, 'sectionId') || at.section.id;
    const checked = survey.definition.sections.some((s) => s.id === toSection)
      ? read
      : { values: read.values, errors: { ...read.errors, sectionId: 'Choose a section. The one you chose is no longer in the survey.' } };
    const saved = await saveDefinition(context, form, checked, (question) => changeQuestion(survey.definition, question, toSection), {
      url,
      toPage: questionFormErrors,
      onConflict: (current, values) =>
        fail(409, { values, errors: {} as Record<string, string>, version: String(current.version), conflict: theirQuestion(current, at.question.id) ?? null }),
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/surveys/${survey.id}?changed=1&id=${at.question.id}#question-${at.question.id}`);
  },
};

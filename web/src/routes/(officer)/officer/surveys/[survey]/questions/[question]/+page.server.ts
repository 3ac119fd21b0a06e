import { fail, redirect } from '@sveltejs/kit';
import { limits, questionTypeLabels } from '@pv/shared/survey.schema';
import { orFail, textOf } from '$lib/server/officer';
import {
  hubTagOptions,
  missingVersion,
  priorityOptions,
  questionFormErrors,
  questionOf,
  questionValues,
  readQuestionForm,
  requireBuildable,
  saveDefinition,
  sentVersion,
  surveyContext,
  theirQuestion,
} from '$lib/server/survey-builder';
import { changeQuestion, conditionSources, questionIds } from '$lib/server/survey-definition-edits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId, survey } = await surveyContext(locals, url, params.survey);
  requireBuildable(survey);
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
    const { client, tenantId, survey } = await surveyContext(locals, url, params.survey);
    requireBuildable(survey);
    const at = questionOf(survey, params.question);
    const form = await request.formData();
    const version = sentVersion(form);
    const read = readQuestionForm(form, at.question.type, at.question, questionIds(survey.definition));
    const toSection = textOf(form, 'sectionId') || at.section.id;
    const sectionKnown = survey.definition.sections.some((s) => s.id === toSection);
    if (!read.question || !version || !sectionKnown) {
      const errors = { ...read.errors, ...(version ? {} : { _: missingVersion }), ...(sectionKnown ? {} : { sectionId: 'Choose a section. The one you chose is no longer in the survey.' }) };
      return fail(400, { values: read.values, errors, version: String(version ?? survey.version) });
    }
    const definition = changeQuestion(survey.definition, read.question, toSection);
    const outcome = await saveDefinition(client, tenantId, survey, version, definition, url);
    if (!outcome.ok) {
      if ('conflict' in outcome) {
        return fail(409, {
          values: read.values,
          errors: {} as Record<string, string>,
          version: String(outcome.conflict.version),
          conflict: theirQuestion(outcome.conflict, at.question.id) ?? null,
        });
      }
      return fail(outcome.status, { values: read.values, errors: questionFormErrors(outcome.errors, outcome.title, definition, read.question), version: String(version) });
    }
    redirect(303, `/officer/surveys/${survey.id}?changed=1&id=${at.question.id}#question-${at.question.id}`);
  },
};

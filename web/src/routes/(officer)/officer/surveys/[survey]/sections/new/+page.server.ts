import { fail, redirect } from '@sveltejs/kit';
import { textOf } from '$lib/server/officer';
import {
  justAddedSection,
  missingVersion,
  newSectionId,
  readSectionForm,
  requireBuildable,
  saveDefinition,
  sectionFormErrors,
  sentVersion,
  surveyContext,
} from '$lib/server/survey-builder';
import { addSection, conditionSources } from '$lib/server/survey-definition-edits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { survey } = await surveyContext(locals, url, params.survey);
  requireBuildable(survey);
  return {
    survey: { id: survey.id, title: survey.title, status: survey.status },
    number: survey.definition.sections.length + 1,
    // A new section goes at the end: every question before it can be a condition's.
    sources: conditionSources(survey.definition, survey.definition.sections.length),
    values: { title: '', intro: '', conditionQuestion: '' },
    version: survey.version,
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId, survey } = await surveyContext(locals, url, params.survey);
    requireBuildable(survey);
    const form = await request.formData();
    const version = sentVersion(form);
    const id = newSectionId(survey.definition, textOf(form, 'title'));
    const read = readSectionForm(form, id);
    if (!read.section || !version) {
      return fail(400, { values: read.values, errors: { ...read.errors, ...(version ? {} : { _: missingVersion }) }, version: String(version ?? survey.version) });
    }
    const done = (sectionId: string) => redirect(303, `/officer/surveys/${survey.id}?added=section&id=${sectionId}#section-${sectionId}`);
    if (survey.version !== version) {
      const repeat = justAddedSection(survey, read.section.title);
      if (repeat) done(repeat.id);
    }
    const definition = addSection(survey.definition, { ...read.section, questions: [] });
    const outcome = await saveDefinition(client, tenantId, survey, version, definition, url);
    if (!outcome.ok) {
      if ('conflict' in outcome) return fail(409, { values: read.values, errors: {} as Record<string, string>, version: String(outcome.conflict.version), conflict: true });
      return fail(outcome.status, { values: read.values, errors: sectionFormErrors(outcome.errors, outcome.title, definition, id), version: String(version) });
    }
    done(id);
  },
};

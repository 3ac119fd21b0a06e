import { fail, redirect } from '@sveltejs/kit';
import {
  missingVersion,
  readSectionForm,
  requireBuildable,
  saveDefinition,
  sectionFormErrors,
  sectionOf,
  sectionValues,
  sentVersion,
  surveyContext,
  theirSection,
} from '$lib/server/survey-builder';
import { changeSection, conditionSources } from '$lib/server/survey-definition-edits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { survey } = await surveyContext(locals, url, params.survey);
  requireBuildable(survey);
  const { section, index } = sectionOf(survey, params.section);
  return {
    survey: { id: survey.id, title: survey.title, status: survey.status },
    section: { id: section.id, title: section.title, number: index + 1 },
    sources: conditionSources(survey.definition, index),
    values: sectionValues(section),
    version: survey.version,
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId, survey } = await surveyContext(locals, url, params.survey);
    requireBuildable(survey);
    const { section } = sectionOf(survey, params.section);
    const form = await request.formData();
    const version = sentVersion(form);
    const read = readSectionForm(form, section.id);
    if (!read.section || !version) {
      return fail(400, { values: read.values, errors: { ...read.errors, ...(version ? {} : { _: missingVersion }) }, version: String(version ?? survey.version) });
    }
    const definition = changeSection(survey.definition, section.id, read.section);
    const outcome = await saveDefinition(client, tenantId, survey, version, definition, url);
    if (!outcome.ok) {
      if ('conflict' in outcome) {
        return fail(409, {
          values: read.values,
          errors: {} as Record<string, string>,
          version: String(outcome.conflict.version),
          conflict: theirSection(outcome.conflict, section.id) ?? null,
        });
      }
      return fail(outcome.status, { values: read.values, errors: sectionFormErrors(outcome.errors, outcome.title, definition, section.id), version: String(version) });
    }
    redirect(303, `/officer/surveys/${survey.id}?changed=1&id=${section.id}#section-${section.id}`);
  },
};

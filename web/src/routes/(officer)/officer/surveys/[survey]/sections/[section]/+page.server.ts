import { fail, redirect } from '@sveltejs/kit';
import { buildableSurvey, readSectionForm, saveDefinition, sectionFormErrors, sectionOf, sectionValues, theirSection } from '$lib/server/survey-builder';
import { changeSection, conditionSources } from '$lib/server/survey-definition-edits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { survey } = await buildableSurvey(locals, url, params.survey);
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
    const context = await buildableSurvey(locals, url, params.survey);
    const { section } = sectionOf(context.survey, params.section);
    const form = await request.formData();
    const saved = await saveDefinition(context, form, readSectionForm(form, section.id), (change) => changeSection(context.survey.definition, section.id, change), {
      url,
      toPage: (errors, definition) => sectionFormErrors(errors, definition, section.id),
      onConflict: (current, values) =>
        fail(409, { values, errors: {} as Record<string, string>, version: String(current.version), conflict: theirSection(current, section.id) ?? null }),
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/surveys/${context.survey.id}?changed=1&id=${section.id}#section-${section.id}`);
  },
};

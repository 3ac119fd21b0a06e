import { fail, redirect } from '@sveltejs/kit';
import { formText, versioned } from '$lib/server/forms';
import { buildableSurvey, justAddedSection, newSectionId, readSectionForm, saveDefinition, sectionFormErrors } from '$lib/server/survey-builder';
import { addSection, conditionSources } from '$lib/server/survey-definition-edits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { survey } = await buildableSurvey(locals, url, params.survey);
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
    const context = await buildableSurvey(locals, url, params.survey);
    const { survey } = context;
    const form = await request.formData();
    const id = newSectionId(survey.definition, formText(form, 'title'));
    const read = readSectionForm(form, id);
    const added = (sectionId: string) => redirect(303, `/officer/surveys/${survey.id}?added=section&id=${sectionId}#section-${sectionId}`);
    // A double-submitted "add" arrives with the version the first one replaced.
    const sent = versioned(form, read);
    if (sent.input && sent.input.version !== survey.version) {
      const repeat = justAddedSection(survey, sent.input.title);
      if (repeat) added(repeat.id);
    }
    const saved = await saveDefinition(context, form, read, (section) => addSection(survey.definition, { ...section, questions: [] }), {
      url,
      toPage: (errors, definition) => sectionFormErrors(errors, definition, id),
      onConflict: (current, values) => fail(409, { values, errors: {} as Record<string, string>, version: String(current.version), conflict: true }),
    });
    if (!saved.ok) return saved.failure;
    added(id);
  },
};

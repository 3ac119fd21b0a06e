import { fail, redirect } from '@sveltejs/kit';
import { surveyAudienceLabels, type Survey } from '@pv/shared/survey.schema';
import type { FormValues } from '$lib/form-errors';
import { formText, save, versioned } from '$lib/server/forms';
import { today } from '$lib/server/officer';
import { audienceOptions, readSettingsForm, settingsValues } from '$lib/server/survey-settings-form';
import { officerSurvey } from '$lib/server/survey-staff';
import { dateInWords } from '$lib/words';
import type { Actions, PageServerLoad } from './$types';

const anonymousFixed = 'Parents were told this when the survey was published, so it can’t change now.';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { survey } = await officerSurvey(locals, url, params.survey);
  return {
    survey: { id: survey.id, title: survey.title },
    values: settingsValues(survey),
    version: survey.version,
    audiences: audienceOptions,
    anonymousFixed: survey.status === 'draft' ? undefined : anonymousFixed,
  };
};

/** Someone saved first: show what they saved, keep this person's input, and let a second "Save changes" replace their settings knowingly. */
function conflict(theirs: Survey, values: FormValues) {
  return fail(409, {
    values,
    errors: {} as Record<string, string>,
    version: String(theirs.version),
    conflict: [
      { key: 'Title', value: theirs.title },
      { key: 'Introduction', value: theirs.introduction },
      { key: 'Privacy notice', value: theirs.privacyNotice },
      { key: 'Closing date', value: dateInWords(theirs.closesOn) },
      { key: 'Who can answer', value: surveyAudienceLabels[theirs.audience] },
      { key: 'Anonymous', value: theirs.anonymous ? 'Yes' : 'No' },
    ],
  });
}

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId, survey } = await officerSurvey(locals, url, params.survey);
    const form = await request.formData();
    const read = versioned(form, readSettingsForm(form, { today: today(), saved: survey.closesOn }));
    // The definition goes back as it is stored now: this form changes the settings only.
    const saved = await save(read, ({ version, ...settings }) => client.updateSurvey(tenantId, survey.id, version, { ...settings, definition: survey.definition }), {
      url,
      keep: { version: formText(form, 'version') },
      onConflict: (current, values) => conflict(current as Survey, values),
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/surveys/${survey.id}?saved=1`);
  },
};

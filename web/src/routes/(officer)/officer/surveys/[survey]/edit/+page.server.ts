import { fail, redirect } from '@sveltejs/kit';
import { surveyAudienceLabels, type Survey } from '@pv/shared/survey.schema';
import { formFailure } from '$lib/server/admin';
import { ApiError } from '$lib/server/api';
import { officerContext, orFail, today } from '$lib/server/officer';
import { missingVersion, sentVersion, surveyContext, surveyIdOf } from '$lib/server/survey-builder';
import { audienceOptions, readSettingsForm, settingsValues, type SettingsValues } from '$lib/server/survey-settings-form';
import { dateInWords } from '$lib/words';
import type { Actions, PageServerLoad } from './$types';

const anonymousFixed = 'Parents were told this when the survey was published, so it can’t change now.';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { survey } = await surveyContext(locals, url, params.survey);
  return {
    id: survey.id,
    title: survey.title,
    values: settingsValues(survey),
    version: survey.version,
    audiences: audienceOptions,
    anonymousFixed: survey.status === 'draft' ? undefined : anonymousFixed,
  };
};

/** Someone saved first: show what they saved, keep this person's input, and let a second "Save changes" replace their settings knowingly. */
function conflict(theirs: Survey, values: SettingsValues) {
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
    const { client, tenantId } = officerContext(locals, url);
    const surveyId = surveyIdOf(params.survey);
    const form = await request.formData();
    const version = sentVersion(form);
    // The definition goes back as it is stored now: this form changes the settings only.
    const current = await orFail(client.survey(tenantId, surveyId), url);
    const read = readSettingsForm(form, { today: today(), saved: current.closesOn });
    const keep = { values: read.values, version: String(version ?? current.version) };
    if (!read.input || !version) {
      const errors = { ...read.errors, ...(version ? {} : { _: missingVersion }) };
      return fail(400, { ...keep, errors });
    }
    if (current.version !== version) return conflict(current, read.values);
    try {
      await client.updateSurvey(tenantId, surveyId, version, { ...read.input, definition: current.definition });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.current !== undefined) return conflict(e.current as Survey, read.values);
      return formFailure(e, url, (errors) => errors, keep);
    }
    redirect(303, `/officer/surveys/${surveyId}?saved=1`);
  },
};

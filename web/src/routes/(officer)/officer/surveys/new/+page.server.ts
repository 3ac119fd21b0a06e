import { redirect } from '@sveltejs/kit';
import { createOnce, newIdempotencyKey } from '$lib/server/forms';
import { officerContext, today } from '$lib/server/officer';
import { audienceOptions, emptySettingsValues, readSettingsForm } from '$lib/server/survey-settings-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  officerContext(locals, url);
  // Made once per form shown: a double-submitted or retried form creates one survey.
  return { values: emptySettingsValues, audiences: audienceOptions, idempotencyKey: newIdempotencyKey() };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const { client, tenantId } = officerContext(locals, url);
    const form = await request.formData();
    const created = await createOnce(
      form,
      readSettingsForm(form, { today: today() }),
      (input, key) => client.createSurvey(tenantId, { ...input, definition: { sections: [] } }, key),
      { url, alreadyUsed: 'This form was already used to create a survey. Check the list of surveys first. If yours is not there, select “Create survey” again.' },
    );
    if (!created.ok) return created.failure;
    redirect(303, `/officer/surveys/${created.value.id}?created=1`);
  },
};

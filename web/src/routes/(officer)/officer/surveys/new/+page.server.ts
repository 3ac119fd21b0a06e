import { fail, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api';
import { formFailure, idempotencyKeyPattern, newIdempotencyKey } from '$lib/server/admin';
import { officerContext, textOf, today } from '$lib/server/officer';
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
    const sent = textOf(form, 'idempotencyKey');
    const idempotencyKey = idempotencyKeyPattern.test(sent) ? sent : newIdempotencyKey();
    const read = readSettingsForm(form, { today: today() });
    if (!read.input) return fail(400, { values: read.values, errors: read.errors ?? {}, idempotencyKey });
    let id: string;
    try {
      id = (await client.createSurvey(tenantId, { ...read.input, definition: { sections: [] } }, idempotencyKey)).id;
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'idempotency-key-reused') {
        return fail(422, {
          values: read.values,
          errors: { _: 'This form was already used to create a survey. Check the list of surveys first. If yours is not there, select “Create survey” again.' },
          idempotencyKey: newIdempotencyKey(),
        });
      }
      return formFailure(e, url, (errors) => errors, { values: read.values, idempotencyKey });
    }
    redirect(303, `/officer/surveys/${id}?created=1`);
  },
};

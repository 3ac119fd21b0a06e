import { fail, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api';
import { formFailure, idempotencyKeyPattern, newIdempotencyKey } from '$lib/server/admin';
import { actionChoices, emptyActionValues, readActionForm, statusOptions } from '$lib/server/action-form';
import { errorsByField } from '$lib/form-errors';
import { officerContext } from '$lib/server/officer';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  const choices = await actionChoices(client, tenantId, url);
  // From a theme's page: that theme is chosen already.
  const theme = url.searchParams.get('theme') ?? '';
  const themeId = choices.themes.some((t) => t.value === theme) ? theme : undefined;
  // Made once per form shown: a double-submitted or retried form drafts one action.
  return { choices, statuses: statusOptions, values: emptyActionValues(themeId), idempotencyKey: newIdempotencyKey() };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const { client, tenantId } = officerContext(locals, url);
    const form = await request.formData();
    const sent = String(form.get('idempotencyKey') ?? '');
    const idempotencyKey = idempotencyKeyPattern.test(sent) ? sent : newIdempotencyKey();
    const read = readActionForm(form);
    if (!read.input) return fail(400, { values: read.values, errors: read.errors ?? {}, idempotencyKey });
    let id: string;
    try {
      id = (await client.createAction(tenantId, read.input, idempotencyKey)).id;
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'idempotency-key-reused') {
        return fail(422, {
          values: read.values,
          errors: { _: 'This form was already used to draft an action. Check the list of actions first. If yours is not there, select “Save as draft” again.' },
          idempotencyKey: newIdempotencyKey(),
        });
      }
      return formFailure(e, url, errorsByField, { values: read.values, idempotencyKey });
    }
    redirect(303, `/officer/actions/${id}?created=1`);
  },
};

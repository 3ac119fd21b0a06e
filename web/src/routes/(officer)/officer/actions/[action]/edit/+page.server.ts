import { fail, redirect } from '@sveltejs/kit';
import type { Action } from '@pv/shared/action.schema';
import { version as versionSchema } from '@pv/shared/validation';
import { errorsByField } from '$lib/form-errors';
import { ApiError } from '$lib/server/api';
import { formFailure } from '$lib/server/admin';
import { actionChoices, actionValues, readActionForm, statusOptions } from '$lib/server/action-form';
import { actionHref, actionIdOf, actionRows, officerAction, shortened } from '$lib/server/action-pages';
import { officerContext } from '$lib/server/officer';
import { dayOf } from '$lib/words';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId, action } = await officerAction(locals, url, params.action);
  return {
    id: action.id,
    title: shortened(action.youSaid, 60),
    state: action.state,
    approvedOn: action.published ? dayOf(action.published.updatedOn) : undefined,
    values: actionValues(action),
    version: action.version,
    statuses: statusOptions,
    choices: await actionChoices(client, tenantId, url, action.priorityIds),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = actionIdOf(params.action);
    const form = await request.formData();
    const sentVersion = String(form.get('version') ?? '');
    const read = readActionForm(form);
    const version = versionSchema.safeParse(sentVersion);
    if (!read.input || !version.success) {
      const errors = { ...read.errors, ...(version.success ? {} : { _: 'Reload the page and try again.' }) };
      return fail(400, { values: read.values, errors, version: sentVersion });
    }
    try {
      await client.updateAction(tenantId, id, version.data, read.input);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.current !== undefined) {
        // Someone saved first: show what they saved, keep this person's input, and let a second
        // "Save changes" replace their version knowingly.
        const current = e.current as Action;
        const choices = await actionChoices(client, tenantId, url, current.priorityIds);
        return fail(409, { values: read.values, errors: {}, version: String(current.version), conflict: actionRows(current, choices) });
      }
      return formFailure(e, url, errorsByField, { values: read.values, version: sentVersion });
    }
    redirect(303, `${actionHref(id)}?saved=1`);
  },
};

import { redirect } from '@sveltejs/kit';
import type { Action } from '@pv/shared/action.schema';
import { actionChoices, actionValues, readActionForm } from '$lib/server/action-form';
import { actionHref, actionIdOf, actionRows, officerAction, shortened } from '$lib/server/action-pages';
import { formText, save, versioned } from '$lib/server/forms';
import { officerContext } from '$lib/server/officer';
import { theirVersion } from '$lib/server/their-version';
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
    choices: await actionChoices(client, tenantId, url, action.priorityIds),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = actionIdOf(params.action);
    const form = await request.formData();
    const saved = await save(versioned(form, readActionForm(form)), ({ version, ...input }) => client.updateAction(tenantId, id, version, input), {
      url,
      keep: { version: formText(form, 'version') },
      onConflict: async (stored, values) => {
        const current = stored as Action;
        return theirVersion(values, current, actionRows(current, await actionChoices(client, tenantId, url, current.priorityIds)));
      },
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `${actionHref(id)}?saved=1`);
  },
};

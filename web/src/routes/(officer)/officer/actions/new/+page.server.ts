import { redirect } from '@sveltejs/kit';
import { actionChoices, emptyActionValues, readActionForm } from '$lib/server/action-form';
import { createOnce, newIdempotencyKey } from '$lib/server/forms';
import { officerContext } from '$lib/server/officer';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  const choices = await actionChoices(client, tenantId, url);
  // From a theme's page: that theme is chosen already.
  const theme = url.searchParams.get('theme') ?? '';
  const themeId = choices.themes.some((t) => t.value === theme) ? theme : undefined;
  // Made once per form shown: a double-submitted or retried form drafts one action.
  return { choices, values: emptyActionValues(themeId), idempotencyKey: newIdempotencyKey() };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const { client, tenantId } = officerContext(locals, url);
    const form = await request.formData();
    const saved = await createOnce(form, readActionForm(form), (input, key) => client.createAction(tenantId, input, key), {
      url,
      alreadyUsed: 'This form was already used to draft an action. Check the list of actions first. If yours is not there, select “Save as draft” again.',
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/actions/${saved.value.id}?created=1`);
  },
};

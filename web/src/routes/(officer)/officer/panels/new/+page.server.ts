import { redirect } from '@sveltejs/kit';
import { createOnce, newIdempotencyKey } from '$lib/server/forms';
import { networkOptions, officerContext, orFail } from '$lib/server/officer';
import { emptyPanelValues, readPanelForm } from '$lib/server/panel-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  const config = await orFail(client.config(tenantId), url);
  // Made once per form shown: a double-submitted or retried form creates one panel.
  return { networks: networkOptions(config), values: emptyPanelValues, idempotencyKey: newIdempotencyKey() };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const { client, tenantId } = officerContext(locals, url);
    const form = await request.formData();
    const saved = await createOnce(form, readPanelForm(form), (input, key) => client.createPanel(tenantId, input, key), {
      url,
      alreadyUsed: 'This form was already used to add a panel. Check the list of panels first. If yours is not there, select “Save panel” again.',
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/panels?added=${encodeURIComponent(saved.value.id)}#panel-${saved.value.id}`);
  },
};

import { redirect } from '@sveltejs/kit';
import { consultationOptions, emptyConsultationValues, readConsultationForm } from '$lib/server/consultation-form';
import { createOnce, newIdempotencyKey } from '$lib/server/forms';
import { officerContext } from '$lib/server/officer';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  // Made once per form shown: a double-submitted or retried form starts one consultation.
  return { values: emptyConsultationValues, options: await consultationOptions(client, tenantId, url), idempotencyKey: newIdempotencyKey() };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const { client, tenantId } = officerContext(locals, url);
    const form = await request.formData();
    const saved = await createOnce(form, readConsultationForm(form), (input, key) => client.createConsultation(tenantId, input, key), {
      url,
      alreadyUsed: 'This form was already used to start a consultation. Check the list of consultations first. If yours is not there, select “Save as a draft” again.',
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/consultations/${saved.value.id}?created=1`);
  },
};

import { fail, redirect } from '@sveltejs/kit';
import { errorsByField } from '$lib/form-errors';
import { createFailure, newIdempotencyKey, sentIdempotencyKey } from '$lib/server/admin';
import { consultationOptions, emptyConsultationValues, readConsultationForm } from '$lib/server/consultation-form';
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
    const idempotencyKey = sentIdempotencyKey(form);
    const read = readConsultationForm(form);
    if (!read.input) return fail(400, { values: read.values, errors: read.errors ?? {}, idempotencyKey });
    let id: string;
    try {
      id = (await client.createConsultation(tenantId, read.input, idempotencyKey)).id;
    } catch (e) {
      return createFailure(
        e,
        url,
        errorsByField,
        { values: read.values, idempotencyKey },
        'This form was already used to start a consultation. Check the list of consultations first. If yours is not there, select “Save as a draft” again.',
      );
    }
    redirect(303, `/officer/consultations/${id}?created=1`);
  },
};

import { fail, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api';
import { formFailure, idempotencyKeyPattern, newIdempotencyKey } from '$lib/server/admin';
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
    const sent = String(form.get('idempotencyKey') ?? '');
    const idempotencyKey = idempotencyKeyPattern.test(sent) ? sent : newIdempotencyKey();
    const read = readPanelForm(form);
    if (!read.input) return fail(400, { values: read.values, errors: read.errors ?? {}, idempotencyKey });
    let id: string;
    try {
      id = (await client.createPanel(tenantId, read.input, idempotencyKey)).id;
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'idempotency-key-reused') {
        return fail(422, {
          values: read.values,
          errors: { _: 'This form was already used to add a panel. Check the list of panels first. If yours is not there, select “Save panel” again.' },
          idempotencyKey: newIdempotencyKey(),
        });
      }
      return formFailure(e, url, (errors) => errors, { values: read.values, idempotencyKey });
    }
    redirect(303, `/officer/panels?added=${encodeURIComponent(id)}#panel-${id}`);
  },
};

import { fail, redirect } from '@sveltejs/kit';
import { kindSegments } from '@pv/shared/config.schema';
import { ApiError } from '$lib/server/api';
import { adminContext, formFailure, idempotencyKeyPattern, kindOf, labelsFor, newIdempotencyKey } from '$lib/server/admin';
import { apiErrorsToPage, optionsFor, readConfigForm, ruleOptions } from '$lib/server/config-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = adminContext(locals, url);
  const kind = kindOf(params.kind);
  const config = await client.config(tenantId);
  return {
    kind,
    segment: kindSegments[kind],
    labels: labelsFor(kind),
    options: optionsFor(config),
    rule: kind === 'group' ? ruleOptions() : undefined,
    // Made once per form shown: a double-submitted or retried form creates one item.
    idempotencyKey: newIdempotencyKey(),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId } = adminContext(locals, url);
    const kind = kindOf(params.kind);
    const form = await request.formData();
    const sent = String(form.get('idempotencyKey') ?? '');
    const idempotencyKey = idempotencyKeyPattern.test(sent) ? sent : newIdempotencyKey();
    const read = readConfigForm(kind, form);
    if (!read.input) return fail(400, { values: read.values, errors: read.errors, idempotencyKey });

    let id: string;
    try {
      id = (await client.createConfigItem(tenantId, kind, read.input, idempotencyKey)).id;
    } catch (e) {
      // The same form sent again with different answers after it already added something.
      if (e instanceof ApiError && e.problem.code === 'idempotency-key-reused') {
        return fail(422, {
          values: read.values,
          errors: {
            _: `This form was already used to add a ${labelsFor(kind).one}. Check the list first. If this one is not there, select “Save” again.`,
          },
          idempotencyKey: newIdempotencyKey(),
        });
      }
      return formFailure(e, url, (errors) => apiErrorsToPage(kind, errors, read.rows), { values: read.values, idempotencyKey });
    }
    redirect(303, `/admin/${kindSegments[kind]}?added=${encodeURIComponent(id)}#item-${id}`);
  },
};

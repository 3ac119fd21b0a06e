import { redirect } from '@sveltejs/kit';
import { kindSegments } from '@pv/shared/config.schema';
import { adminContext, kindOf, labelsFor } from '$lib/server/admin';
import { optionsFor, readConfigForm, ruleOptions } from '$lib/server/config-form';
import { createOnce, newIdempotencyKey } from '$lib/server/forms';
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
    const { read, toPage } = readConfigForm(kind, form);
    const saved = await createOnce(form, read, (input, key) => client.createConfigItem(tenantId, kind, input, key), {
      url,
      alreadyUsed: `This form was already used to add a ${labelsFor(kind).one}. Check the list first. If this one is not there, select “Save” again.`,
      toPage,
    });
    if (!saved.ok) return saved.failure;
    const { id } = saved.value;
    redirect(303, `/admin/${kindSegments[kind]}?added=${encodeURIComponent(id)}#item-${id}`);
  },
};

import { fail, redirect } from '@sveltejs/kit';
import { kindSegments } from '@pv/shared/config.schema';
import { version } from '@pv/shared/validation';
import { adminContext, findItem, itemIdOf, kindOf, labelsFor } from '$lib/server/admin';
import { itemRefusal, itemView } from '$lib/server/config-form';
import { formText } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = adminContext(locals, url);
  const kind = kindOf(params.kind);
  const config = await client.config(tenantId);
  const item = findItem(config, kind, itemIdOf(params.id));
  return { kind, segment: kindSegments[kind], labels: labelsFor(kind), item: itemView(kind, item, config) };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId } = adminContext(locals, url);
    const kind = kindOf(params.kind);
    const id = itemIdOf(params.id);
    const form = await request.formData();
    const parsed = version.safeParse(form.get('version'));
    const title = formText(form, 'title').slice(0, 200);
    if (!parsed.success) return fail(400, { id, values: {}, errors: { _: parsed.error.issues[0]?.message ?? 'Reload the page and try again.' } });
    try {
      await client.deleteConfigItem(tenantId, kind, id, parsed.data);
    } catch (e) {
      return itemRefusal(e, url, id);
    }
    redirect(303, `/admin/${kindSegments[kind]}?deleted=${encodeURIComponent(title || id)}`);
  },
};

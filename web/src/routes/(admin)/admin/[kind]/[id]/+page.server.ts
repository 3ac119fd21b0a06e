import { fail, redirect } from '@sveltejs/kit';
import { kindSegments, type ConfigItem } from '@pv/shared/config.schema';
import { adminContext, findItem, itemIdOf, kindOf, labelsFor } from '$lib/server/admin';
import { itemView, optionsFor, readConfigForm, ruleOptions, valuesFromItem } from '$lib/server/config-form';
import { formText, save, versioned } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = adminContext(locals, url);
  const kind = kindOf(params.kind);
  const config = await client.config(tenantId);
  const item = findItem(config, kind, itemIdOf(params.id));
  return {
    kind,
    segment: kindSegments[kind],
    labels: labelsFor(kind),
    id: item.id,
    title: itemView(kind, item, config).title,
    values: valuesFromItem(kind, item),
    version: item.version,
    options: optionsFor(config, item),
    rule: kind === 'group' ? ruleOptions() : undefined,
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId } = adminContext(locals, url);
    const kind = kindOf(params.kind);
    const id = itemIdOf(params.id);
    const form = await request.formData();
    const { read, toPage } = readConfigForm(kind, form);
    const saved = await save(versioned(form, read), ({ version, ...input }) => client.updateConfigItem(tenantId, kind, id, version, input), {
      url,
      keep: { version: formText(form, 'version') },
      toPage,
      // Someone saved first: show what they saved, keep this person's input, and let a second
      // "Save" replace their version knowingly.
      onConflict: async (current, values) => {
        const item = current as ConfigItem;
        return fail(409, { values, errors: {}, version: String(item.version), conflict: itemView(kind, item, await client.config(tenantId)) });
      },
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/admin/${kindSegments[kind]}?saved=${encodeURIComponent(id)}#item-${id}`);
  },
};

import { fail, redirect } from '@sveltejs/kit';
import { kindSegments, updateEnvelope, type ConfigItem } from '@pv/shared/config.schema';
import { toFieldErrors } from '@pv/shared/validation';
import { ApiError } from '$lib/server/api';
import { adminContext, findItem, formFailure, itemIdOf, kindOf, labelsFor } from '$lib/server/admin';
import { apiErrorsToPage, itemView, optionsFor, readConfigForm, ruleOptions, valuesFromItem } from '$lib/server/config-form';
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
    const sentVersion = String(form.get('version') ?? '');
    const read = readConfigForm(kind, form);
    const version = updateEnvelope.safeParse({ version: sentVersion });
    if (!read.input || !version.success) {
      const errors = { ...read.errors, ...(version.success ? {} : toFieldErrors(version.error)) };
      return fail(400, { values: read.values, errors, version: sentVersion });
    }

    try {
      await client.updateConfigItem(tenantId, kind, id, version.data.version, read.input);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.current !== undefined) {
        // Someone saved first: show what they saved, keep this person's input, and let a second
        // "Save" replace their version knowingly.
        const current = e.current as ConfigItem;
        const config = await client.config(tenantId);
        return fail(409, {
          values: read.values,
          errors: {},
          version: String(current.version),
          conflict: itemView(kind, current, config),
        });
      }
      return formFailure(e, url, (errors) => apiErrorsToPage(kind, errors, read.rows), { values: read.values, version: sentVersion });
    }
    redirect(303, `/admin/${kindSegments[kind]}?saved=${encodeURIComponent(id)}#item-${id}`);
  },
};

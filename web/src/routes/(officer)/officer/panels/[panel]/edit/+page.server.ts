import { fail, redirect } from '@sveltejs/kit';
import type { Panel } from '@pv/shared/panel.schema';
import { version as versionSchema } from '@pv/shared/validation';
import { ApiError } from '$lib/server/api';
import { formFailure } from '$lib/server/admin';
import { networkName, networkOptions, officerContext, orFail, panelIdOf } from '$lib/server/officer';
import { panelValues, readPanelForm } from '$lib/server/panel-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = officerContext(locals, url);
  const panelId = panelIdOf(params.panel);
  const [panel, config] = await Promise.all([orFail(client.panel(tenantId, panelId), url), orFail(client.config(tenantId), url)]);
  return { id: panel.id, name: panel.name, values: panelValues(panel), version: panel.version, networks: networkOptions(config, panel.networkId) };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const panelId = panelIdOf(params.panel);
    const form = await request.formData();
    const sentVersion = String(form.get('version') ?? '');
    const read = readPanelForm(form);
    const version = versionSchema.safeParse(sentVersion);
    if (!read.input || !version.success) {
      const errors = { ...read.errors, ...(version.success ? {} : { version: version.error.issues[0]?.message ?? 'Reload the page and try again.' }) };
      return fail(400, { values: read.values, errors, version: sentVersion });
    }
    try {
      await client.updatePanel(tenantId, panelId, { ...read.input, version: version.data });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.current !== undefined) {
        // Someone saved first: show what they saved, keep this person's input, and let a second
        // "Save changes" replace their version knowingly.
        const current = e.current as Panel;
        const config = await client.config(tenantId);
        return fail(409, {
          values: read.values,
          errors: {},
          version: String(current.version),
          conflict: {
            name: current.name,
            description: current.description,
            network: networkName(config, current.networkId),
            recruiting: current.recruiting ? 'Open' : 'Closed',
            targetSize: String(current.targetSize),
            status: current.status === 'active' ? 'Active' : 'Closed',
          },
        });
      }
      return formFailure(e, url, (errors) => errors, { values: read.values, version: sentVersion });
    }
    redirect(303, `/officer/panels/${panelId}?saved=1`);
  },
};

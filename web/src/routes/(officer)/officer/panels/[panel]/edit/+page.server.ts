import { fail, redirect } from '@sveltejs/kit';
import type { Panel } from '@pv/shared/panel.schema';
import { formText, save, versioned } from '$lib/server/forms';
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
    const saved = await save(versioned(form, readPanelForm(form)), (input) => client.updatePanel(tenantId, panelId, input), {
      url,
      keep: { version: formText(form, 'version') },
      // Someone saved first: show what they saved, keep this person's input, and let a second
      // "Save changes" replace their version knowingly.
      onConflict: async (stored, values) => {
        const current = stored as Panel;
        const config = await client.config(tenantId);
        return fail(409, {
          values,
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
      },
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/panels/${panelId}?saved=1`);
  },
};

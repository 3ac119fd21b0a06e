import { redirect } from '@sveltejs/kit';
import { assistedMemberInput, recruitmentChannelLabels, recruitmentChannels } from '@pv/shared/panel.schema';
import type { FormErrors } from '$lib/form-errors';
import { createOnce, newIdempotencyKey, readWith, valuesOf } from '$lib/server/forms';
import { hubOptions, officerContext, orFail, panelIdOf, priorityOptions } from '$lib/server/officer';
import type { Actions, PageServerLoad } from './$types';

const TEXT = ['name', 'email', 'phone', 'preferredChannel', 'language', 'supportNeeds', 'hubId', 'recruitedBy', 'consentGivenVerbally'] as const;
const MANY = ['childAgeBands', 'topics'] as const;

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = officerContext(locals, url);
  const panelId = panelIdOf(params.panel);
  const [panel, config] = await Promise.all([orFail(client.panel(tenantId, panelId), url), orFail(client.config(tenantId), url)]);
  return {
    panel: { id: panel.id, name: panel.name, status: panel.status },
    options: {
      hubs: hubOptions(config, panel.networkId),
      topics: priorityOptions(config),
      recruited: recruitmentChannels.map((r) => ({ value: r, label: recruitmentChannelLabels[r] })),
    },
    idempotencyKey: newIdempotencyKey(),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const panelId = panelIdOf(params.panel);
    const form = await request.formData();
    const values = valuesOf(form, TEXT, MANY);
    // The shared schema speaks to the parent ("your name"); here the officer fills it in for them.
    const checks: FormErrors = {};
    if (!String(values.name).trim()) checks.name = 'Enter their name';
    if (!values.preferredChannel) checks.preferredChannel = 'Choose how they would like us to contact them';
    const read = readWith(assistedMemberInput, { ...values, consentGivenVerbally: values.consentGivenVerbally || undefined }, values, checks);
    const saved = await createOnce(form, read, (input, key) => client.addMember(tenantId, panelId, input, key), {
      url,
      alreadyUsed: 'This form was already used to add a member. Check the list of members first. If they are not there, select “Add member” again.',
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/panels/${panelId}/members?added=${saved.value.id}#member-${saved.value.id}`);
  },
};

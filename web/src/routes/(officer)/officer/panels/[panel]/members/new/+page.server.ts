import { fail, redirect } from '@sveltejs/kit';
import { assistedMemberInput, childAgeBandLabels, childAgeBands, contactChannelLabels, contactChannels, recruitmentChannelLabels, recruitmentChannels } from '@pv/shared/panel.schema';
import { toFieldErrors } from '@pv/shared/validation';
import { errorsByField } from '$lib/form-errors';
import { ApiError } from '$lib/server/api';
import { formFailure, idempotencyKeyPattern, newIdempotencyKey } from '$lib/server/admin';
import { allOf, hubOptions, officerContext, orFail, panelIdOf, textOf } from '$lib/server/officer';
import type { Actions, PageServerLoad } from './$types';

const textFields = ['name', 'email', 'phone', 'preferredChannel', 'language', 'supportNeeds', 'hubId', 'recruitedBy'] as const;

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = officerContext(locals, url);
  const panelId = panelIdOf(params.panel);
  const [panel, config] = await Promise.all([orFail(client.panel(tenantId, panelId), url), orFail(client.config(tenantId), url)]);
  return {
    panel: { id: panel.id, name: panel.name, status: panel.status },
    options: {
      hubs: hubOptions(config, panel.networkId),
      channels: contactChannels.map((c) => ({ value: c, label: contactChannelLabels[c] })),
      ages: childAgeBands.map((a) => ({ value: a, label: childAgeBandLabels[a] })),
      topics: config.priority
        .filter((p) => p.status === 'active')
        .sort((a, b) => a.order - b.order)
        .map((p) => ({ value: p.id, label: p.name })),
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
    const sent = textOf(form, 'idempotencyKey');
    const idempotencyKey = idempotencyKeyPattern.test(sent) ? sent : newIdempotencyKey();
    const values = {
      ...Object.fromEntries(textFields.map((k) => [k, textOf(form, k)])),
      childAgeBands: allOf(form, 'childAgeBands'),
      topics: allOf(form, 'topics'),
      consentGivenVerbally: form.get('consentGivenVerbally') ? 'yes' : '',
    } as Record<(typeof textFields)[number], string> & { childAgeBands: string[]; topics: string[]; consentGivenVerbally: string };

    const parsed = assistedMemberInput.safeParse({ ...values, consentGivenVerbally: values.consentGivenVerbally || undefined });
    if (!parsed.success) {
      const errors = errorsByField(toFieldErrors(parsed.error));
      // The shared schema speaks to the parent ("your name"); here the officer fills it in for them.
      if (!values.name.trim()) errors.name = 'Enter their name';
      if (!values.preferredChannel) errors.preferredChannel = 'Choose how they would like us to contact them';
      return fail(400, { values, errors, idempotencyKey });
    }
    let id: string;
    try {
      id = (await client.addMember(tenantId, panelId, parsed.data, idempotencyKey)).id;
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'idempotency-key-reused') {
        return fail(422, {
          values,
          errors: { _: 'This form was already used to add a member. Check the list of members first. If they are not there, select “Add member” again.' } as Record<string, string>,
          idempotencyKey: newIdempotencyKey(),
        });
      }
      return formFailure(e, url, errorsByField, { values, idempotencyKey });
    }
    redirect(303, `/officer/panels/${panelId}/members?added=${id}#member-${id}`);
  },
};

import { fail, redirect } from '@sveltejs/kit';
import { meetingFormatLabels, meetingFormats, meetingInput, supportKinds, supportLabels } from '@pv/shared/panel.schema';
import { toFieldErrors } from '@pv/shared/validation';
import { ApiError } from '$lib/server/api';
import { formFailure, idempotencyKeyPattern, newIdempotencyKey } from '$lib/server/admin';
import { dateFrom } from '$lib/server/config-form';
import { allOf, hubOptions, officerContext, orFail, panelIdOf, textOf } from '$lib/server/officer';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = officerContext(locals, url);
  const panelId = panelIdOf(params.panel);
  const [panel, config] = await Promise.all([orFail(client.panel(tenantId, panelId), url), orFail(client.config(tenantId), url)]);
  return {
    panel: { id: panel.id, name: panel.name },
    options: {
      hubs: hubOptions(config, panel.networkId),
      formats: meetingFormats.map((f) => ({ value: f, label: meetingFormatLabels[f] })),
      support: supportKinds.map((s) => ({ value: s, label: supportLabels[s] })),
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
      title: textOf(form, 'title'),
      day: textOf(form, 'date.day'),
      month: textOf(form, 'date.month'),
      year: textOf(form, 'date.year'),
      time: textOf(form, 'time').trim().replace('.', ':'),
      hubId: textOf(form, 'hubId'),
      format: textOf(form, 'format'),
      place: textOf(form, 'place'),
      supportOffered: allOf(form, 'supportOffered'),
    };
    const date = dateFrom('Date of the meeting', values.day, values.month, values.year);
    // "9:30" is a time too: the API wants two digits for the hour.
    const time = /^\d:\d\d$/.test(values.time) ? `0${values.time}` : values.time;
    const parsed = meetingInput.safeParse({ ...values, date: date.value, time: time || undefined });
    if (!parsed.success || date.error) {
      const errors: Record<string, string> = {};
      if (!parsed.success) for (const [k, m] of Object.entries(toFieldErrors(parsed.error))) errors[k.split('.')[0]!] ??= m;
      if (date.error) errors.date = date.error;
      return fail(400, { values, errors, idempotencyKey });
    }
    let id: string;
    try {
      id = (await client.createMeeting(tenantId, panelId, parsed.data, idempotencyKey)).id;
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'idempotency-key-reused') {
        return fail(422, {
          values,
          errors: { _: 'This form was already used to plan a meeting. Check the panel’s meetings first. If yours is not there, select “Save meeting” again.' } as Record<string, string>,
          idempotencyKey: newIdempotencyKey(),
        });
      }
      return formFailure(e, url, (errors) => errors, { values, idempotencyKey });
    }
    redirect(303, `/officer/panels/${panelId}/meetings/${id}?added=1`);
  },
};

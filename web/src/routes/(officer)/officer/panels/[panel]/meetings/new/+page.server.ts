import { redirect } from '@sveltejs/kit';
import { meetingFormatLabels, meetingInput, supportLabels } from '@pv/shared/panel.schema';
import { dateFrom } from '$lib/server/config-form';
import { dateBoxes } from '$lib/server/date-boxes';
import { createOnce, newIdempotencyKey, readWith, valuesOf } from '$lib/server/forms';
import { hubOptions, officerContext, orFail, panelIdOf } from '$lib/server/officer';
import { optionsOf } from '$lib/form-state';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = officerContext(locals, url);
  const panelId = panelIdOf(params.panel);
  const [panel, config] = await Promise.all([orFail(client.panel(tenantId, panelId), url), orFail(client.config(tenantId), url)]);
  return {
    panel: { id: panel.id, name: panel.name },
    options: { hubs: hubOptions(config, panel.networkId), formats: optionsOf(meetingFormatLabels), support: optionsOf(supportLabels) },
    idempotencyKey: newIdempotencyKey(),
  };
};

function readMeetingForm(form: FormData) {
  const values = valuesOf(form, ['title', ...dateBoxes('date'), 'time', 'hubId', 'format', 'place'], ['supportOffered']);
  values.time = (values.time as string).trim().replace('.', ':');
  const date = dateFrom('Date of the meeting', values['date.day'] as string, values['date.month'] as string, values['date.year'] as string);
  // "9:30" is a time too: the API wants two digits for the hour.
  const time = /^\d:\d\d$/.test(values.time) ? `0${values.time}` : values.time;
  const candidate = { ...values, date: date.value, time: time || undefined };
  return readWith(meetingInput, candidate, values, date.error ? { date: date.error } : {});
}

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const panelId = panelIdOf(params.panel);
    const form = await request.formData();
    const saved = await createOnce(form, readMeetingForm(form), (input, key) => client.createMeeting(tenantId, panelId, input, key), {
      url,
      alreadyUsed: 'This form was already used to plan a meeting. Check the panel’s meetings first. If yours is not there, select “Save meeting” again.',
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/panels/${panelId}/meetings/${saved.value.id}?added=1`);
  },
};

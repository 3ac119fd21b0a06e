import { redirect } from '@sveltejs/kit';
import { assistedDraftInput, responseChannelLabels } from '@pv/shared/survey.schema';
import { ApiError, draftApi } from '$lib/server/api';
import { readWith, save, valuesOf } from '$lib/server/forms';
import { hubGroups, orFail } from '$lib/server/officer';
import { draftCookie, firstSectionHref, resumeHref, setDraftCookie } from '$lib/server/survey-pages';
import { entryBase, officerSurvey, surveyHref } from '$lib/server/survey-staff';
import type { Actions, PageServerLoad } from './$types';

/**
 * Entering a response for a parent: how the answers were given (a paper form, a phone call, an
 * event), the hub and the paper form's reference. Then the parents' own section pages, with the
 * draft token in an httpOnly cookie that only the entry pages receive.
 */

const channels = (['paper', 'phone', 'event'] as const).map((c) => ({ value: c, label: responseChannelLabels[c] }));

export const load: PageServerLoad = async ({ locals, url, params, cookies }) => {
  const { client, tenantId, surveyId, survey } = await officerSurvey(locals, url, params.survey);
  const config = await orFail(client.config(tenantId), url);
  const base = entryBase(surveyId);

  // A form this officer started on this browser and has not sent yet: offer to carry on with it.
  let carryOn: { href: string; paperRef: string; channel: string } | undefined;
  const token = draftCookie(cookies, surveyId);
  if (token && !url.searchParams.has('missing')) {
    try {
      const answering = { base, start: base, client: draftApi(tenantId, surveyId, token, locals.session) };
      const view = await answering.client.get();
      if (!view.submitted && view.assisted) {
        carryOn = { href: resumeHref(answering, view), paperRef: view.assisted.paperRef, channel: responseChannelLabels[view.channel] };
      }
    } catch (e) {
      if (!(e instanceof ApiError) || e.status >= 500) throw e;
      // Gone (sent, expired, another officer's): nothing to carry on with.
    }
  }
  return {
    survey: { id: survey.id, title: survey.title, status: survey.effectiveStatus },
    back: `${surveyHref(surveyId)}/results`,
    channels,
    hubs: hubGroups(config),
    carryOn,
    missing: url.searchParams.get('missing') === '1',
  };
};

export const actions: Actions = {
  start: async ({ request, locals, url, params, cookies }) => {
    const { client, tenantId, surveyId } = await officerSurvey(locals, url, params.survey);
    const form = await request.formData();
    const values = valuesOf(form, ['channel', 'hubId', 'paperRef']);
    // A paper reference already entered comes back as an error on that field.
    const started = await save(readWith(assistedDraftInput, values, values), (input) => client.startEntry(tenantId, surveyId, input), { url });
    if (!started.ok) return started.failure;
    const base = entryBase(surveyId);
    const { token } = started.value;
    setDraftCookie(cookies, surveyId, base, token);
    const view = await draftApi(tenantId, surveyId, token, locals.session).get();
    redirect(303, firstSectionHref({ base, start: base, client: draftApi(tenantId, surveyId, token, locals.session) }, view));
  },
};

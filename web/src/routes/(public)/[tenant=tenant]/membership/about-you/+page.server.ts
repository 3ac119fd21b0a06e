import { fail, redirect } from '@sveltejs/kit';
import { profileInput, profileQuestions } from '@pv/shared/panel.schema';
import { apiFailure, asMember, check, memberOf, readValues } from '$lib/server/member-forms';
import type { FormValues } from '$lib/form-errors';
import type { Actions, PageServerLoad } from './$types';

const QUESTIONS = Object.keys(profileQuestions);

export const load: PageServerLoad = async (event) => {
  const [membership, profile] = await asMember(event, (client) => Promise.all([client.membership(), client.profile()]));
  if (membership.member.status === 'left') redirect(303, `/${event.params.tenant}/membership`);
  const answers: FormValues = {};
  for (const [k, v] of Object.entries(profile.answers ?? {})) if (typeof v === 'string') answers[k] = v;
  return {
    panel: membership.panel,
    answers,
    hasAnswers: profile.answers !== undefined,
    welcome: event.url.searchParams.get('welcome') === '1',
  };
};

export const actions: Actions = {
  save: async (event) => {
    const values = readValues(await event.request.formData(), [...QUESTIONS, 'mainLanguage', 'consent']);
    const checked = check(profileInput, values);
    if ('errors' in checked) return fail(400, { values, errors: checked.errors });
    try {
      await asMember(event, (client) => client.saveProfile(checked.input));
    } catch (e) {
      return apiFailure(e, { values }, memberOf(event));
    }
    redirect(303, `/${event.params.tenant}/membership?done=about-you`);
  },
  withdraw: async (event) => {
    try {
      await asMember(event, (client) => client.withdrawProfile());
    } catch (e) {
      return apiFailure(e, { values: {} }, memberOf(event));
    }
    redirect(303, `/${event.params.tenant}/membership?done=about-you-withdrawn`);
  },
};

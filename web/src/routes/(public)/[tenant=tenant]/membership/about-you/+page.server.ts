import { redirect } from '@sveltejs/kit';
import { profileInput, profileQuestions } from '@pv/shared/panel.schema';
import type { FormValues } from '$lib/form-errors';
import { readWith, save, valuesOf } from '$lib/server/forms';
import { asMember, memberAction, memberOf } from '$lib/server/member-forms';
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
    const values = valuesOf(await event.request.formData(), [...QUESTIONS, 'mainLanguage', 'consent']);
    const saved = await save(readWith(profileInput, values, values), (input) => asMember(event, (client) => client.saveProfile(input)), {
      url: event.url,
      member: memberOf(event),
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/${event.params.tenant}/membership?done=about-you`);
  },
  withdraw: async (event) => {
    const withdrawn = await memberAction(event, (client) => client.withdrawProfile());
    if (!withdrawn.ok) return withdrawn.failure;
    redirect(303, `/${event.params.tenant}/membership?done=about-you-withdrawn`);
  },
};

import { fail } from '@sveltejs/kit';
import { resumeLinkInput } from '@pv/shared/survey.schema';
import { ApiError } from '$lib/server/api';
import { check, readValues } from '$lib/server/member-forms';
import { draftCookie, readView } from '$lib/server/survey-pages';
import { parentAnswering } from '$lib/server/survey-parent';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const answering = parentAnswering(event);
  const view = await readView(answering);
  return {
    survey: view.survey,
    invited: view.invited,
    resumeUrl: `${event.url.origin}${answering.base}/resume?token=${draftCookie(event.cookies, event.params.survey)}`,
    sent: event.url.searchParams.get('sent') === '1',
  };
};

export const actions: Actions = {
  email: async (event) => {
    const values = readValues(await event.request.formData(), ['email']);
    const checked = check(resumeLinkInput, values);
    if ('errors' in checked) return fail(400, { values, errors: checked.errors });
    try {
      await parentAnswering(event).client.emailResumeLink(checked.input.email);
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) return fail(e.status, { values, errors: Object.keys(e.errors).length ? e.errors : { email: e.problem.title } });
      throw e;
    }
    return { sent: true, values: {}, errors: {} };
  },
};

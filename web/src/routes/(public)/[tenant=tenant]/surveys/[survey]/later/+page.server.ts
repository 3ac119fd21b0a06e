import { fail } from '@sveltejs/kit';
import { resumeLinkInput } from '@pv/shared/survey.schema';
import { ApiError } from '$lib/server/api';
import { readWith, valuesOf } from '$lib/server/forms';
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
    const values = valuesOf(await event.request.formData(), ['email']);
    const read = readWith(resumeLinkInput, values, values);
    if (read.errors) return fail(400, { values, errors: read.errors });
    try {
      await parentAnswering(event).client.emailResumeLink(read.input.email);
    } catch (e) {
      // Not save(): a refusal without field errors (too many links asked for) is said by the box, not only in the summary.
      if (e instanceof ApiError && e.status < 500) return fail(e.status, { values, errors: Object.keys(e.errors).length ? e.errors : { email: e.problem.title } });
      throw e;
    }
    return { sent: true, values: {}, errors: {} };
  },
};

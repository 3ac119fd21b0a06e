import { redirect } from '@sveltejs/kit';
import { draftApi } from '$lib/server/api';
import { readView, resumeHref, setDraftCookie } from '$lib/server/survey-pages';
import { parentAnswering } from '$lib/server/survey-parent';
import type { PageServerLoad } from './$types';

/** Back to saved answers: from the link in the "your saved answers" email (?token=…), or from the start page. */
export const load: PageServerLoad = async (event) => {
  const { params, url, cookies } = event;
  const base = `/${params.tenant}/surveys/${params.survey}`;
  const token = url.searchParams.get('token');
  if (token && /^[A-Za-z0-9_-]{43}$/.test(token)) {
    setDraftCookie(cookies, params.survey, base, token);
    const answering = { base, start: base, client: draftApi(params.tenant, params.survey, token) };
    redirect(303, resumeHref(answering, await readView(answering)));
  }
  const answering = parentAnswering(event);
  redirect(303, resumeHref(answering, await readView(answering)));
};

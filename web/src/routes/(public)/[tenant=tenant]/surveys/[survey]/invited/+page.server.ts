import { error, redirect } from '@sveltejs/kit';
import { api, ApiError, draftApi } from '$lib/server/api';
import { readView, resumeHref, setDraftCookie } from '$lib/server/survey-pages';
import type { PageServerLoad } from './$types';

/**
 * A personal invitation link. Opening it (again and again, until they answer) opens the member's one
 * draft, so it is also the way back to saved answers; nothing is used up by opening it.
 */
export const load: PageServerLoad = async ({ params, url, cookies }) => {
  const base = `/${params.tenant}/surveys/${params.survey}`;
  const invitation = url.searchParams.get('token') ?? '';
  if (!/^[A-Za-z0-9_-]{43}$/.test(invitation)) error(404, { message: 'This invitation link is not complete. Copy the whole link from the email.' });
  let token: string;
  try {
    token = (await api(null).startSurvey(params.tenant, params.survey, { invitation })).token;
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) error(e.status === 409 ? 410 : 404, { message: e.problem.title });
    throw e;
  }
  setDraftCookie(cookies, params.survey, base, token);
  const answering = { base, start: base, client: draftApi(params.tenant, params.survey, token) };
  redirect(303, resumeHref(answering, await readView(answering)));
};

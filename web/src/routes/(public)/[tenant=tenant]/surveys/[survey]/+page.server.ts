import { error, fail, redirect } from '@sveltejs/kit';
import { api, ApiError, draftApi } from '$lib/server/api';
import { formText } from '$lib/server/forms';
import { draftCookie, setDraftCookie } from '$lib/server/survey-pages';
import type { Actions, PageServerLoad } from './$types';

const surveyPath = (tenant: string, survey: string) => `/${tenant}/surveys/${survey}`;

async function surveyOf(tenantId: string, surveyId: string) {
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(surveyId)) error(404, { message: 'There is no survey at this address.' });
  try {
    return await api(null).publicSurvey(tenantId, surveyId);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, { message: 'There is no survey at this address.' });
    throw e;
  }
}

/** Where this browser is with the survey: not started, part way (with the page to go back to), or sent. */
async function stateOf(tenantId: string, surveyId: string, token: string | undefined) {
  if (!token) return { state: 'new' as const };
  try {
    const view = await draftApi(tenantId, surveyId, token).get();
    return view.submitted ? { state: 'sent' as const } : { state: 'started' as const, answered: Object.keys(view.answers).length };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { state: 'new' as const };
    throw e;
  }
}

export const load: PageServerLoad = async ({ params, cookies, url }) => {
  const survey = await surveyOf(params.tenant, params.survey);
  const hub = url.searchParams.get('hub');
  return {
    survey,
    ...(await stateOf(params.tenant, params.survey, draftCookie(cookies, params.survey))),
    hubId: hub && /^[a-z0-9-]{1,60}$/.test(hub) ? hub : '',
    missing: url.searchParams.get('missing') === '1',
  };
};

export const actions: Actions = {
  /** Start (or, after sending, start again for someone else on this device): a new draft and its cookie. */
  start: async (event) => {
    const { params, cookies, url, request } = event;
    const hubId = formText(await request.formData(), 'hubId');
    let token: string;
    try {
      token = (await api(null).startSurvey(params.tenant, params.survey, /^[a-z0-9-]{1,60}$/.test(hubId) ? { hubId } : {})).token;
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) return fail(e.status, { errors: { _: e.problem.title } });
      throw e;
    }
    const base = surveyPath(params.tenant, params.survey);
    setDraftCookie(cookies, params.survey, base, token);
    const view = await draftApi(params.tenant, params.survey, token).get();
    redirect(303, `${base}/section/${view.survey.definition.sections[0]!.id}`);
  },
};

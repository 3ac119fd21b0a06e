import { error } from '@sveltejs/kit';
import { api, ApiError } from '$lib/server/api';
import { timelineSteps } from '$lib/server/consultation-stages';
import { actionsAnswering } from '$lib/server/public-log';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(params.consultation)) error(404, { message: 'There is no consultation at this address.' });
  try {
    const consultation = await api(null).publicConsultation(params.tenant, params.consultation);
    const [surveys, actions] = await Promise.all([
      api(null).publicSurveys(params.tenant),
      consultation.stage === 'open' ? [] : actionsAnswering(params.tenant, consultation.id),
    ]);
    return {
      consultation,
      surveys: surveys.filter((s) => consultation.surveyIds.includes(s.id)),
      // Drafts are never public, so the public timeline starts at "open".
      steps: timelineSteps(consultation.timeline).filter((s) => s.stage !== 'draft'),
      actions: actions.map((a) => ({ id: a.id, youSaid: a.youSaid, status: a.status })),
    };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, { message: 'There is no consultation at this address.' });
    throw e;
  }
};

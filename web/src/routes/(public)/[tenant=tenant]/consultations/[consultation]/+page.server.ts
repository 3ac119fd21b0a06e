import { error } from '@sveltejs/kit';
import { api, ApiError } from '$lib/server/api';
import { timelineSteps } from '$lib/server/consultation-stages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(params.consultation)) error(404, { message: 'There is no consultation at this address.' });
  try {
    const consultation = await api(null).publicConsultation(params.tenant, params.consultation);
    const surveys = await api(null).publicSurveys(params.tenant);
    return {
      consultation,
      surveys: surveys.filter((s) => consultation.surveyIds.includes(s.id)),
      // Drafts are never public, so the public timeline starts at "open".
      steps: timelineSteps(consultation.timeline).filter((s) => s.stage !== 'draft'),
    };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, { message: 'There is no consultation at this address.' });
    throw e;
  }
};

import { redirect } from '@sveltejs/kit';
import { readView } from '$lib/server/survey-pages';
import { officerAnswering, surveyHref } from '$lib/server/survey-staff';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const answering = officerAnswering(event);
  const view = await readView(answering);
  if (!view.submitted) redirect(303, `${answering.base}/check`);
  return { survey: { id: view.survey.id, title: view.survey.title }, entry: answering.base, results: `${surveyHref(answering.surveyId)}/results` };
};

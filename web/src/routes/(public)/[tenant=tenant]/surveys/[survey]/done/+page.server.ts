import { redirect } from '@sveltejs/kit';
import { readView } from '$lib/server/survey-pages';
import { parentAnswering } from '$lib/server/survey-parent';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const answering = parentAnswering(event);
  const view = await readView(answering);
  if (!view.submitted) redirect(303, `${answering.base}/check`);
  return { survey: view.survey };
};

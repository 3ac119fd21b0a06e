import { loadCheck, submitAnswers } from '$lib/server/survey-pages';
import { parentAnswering } from '$lib/server/survey-parent';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => loadCheck(parentAnswering(event));

export const actions: Actions = {
  submit: async (event) => {
    const answering = parentAnswering(event);
    return submitAnswers(answering, `${answering.base}/done`);
  },
};

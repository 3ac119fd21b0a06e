import { responseChannelLabels } from '@pv/shared/survey.schema';
import { loadCheck, submitAnswers } from '$lib/server/survey-pages';
import { officerAnswering } from '$lib/server/survey-staff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const page = await loadCheck(officerAnswering(event));
  return { ...page, entering: { channel: responseChannelLabels[page.view.channel], paperRef: page.view.assisted?.paperRef ?? '' } };
};

export const actions: Actions = {
  submit: async (event) => {
    const answering = officerAnswering(event);
    return submitAnswers(answering, `${answering.base}/done`);
  },
};

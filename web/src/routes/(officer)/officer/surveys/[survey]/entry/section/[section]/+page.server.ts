import { responseChannelLabels } from '@pv/shared/survey.schema';
import { loadSection, saveSection } from '$lib/server/survey-pages';
import { officerAnswering } from '$lib/server/survey-staff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const page = await loadSection(officerAnswering(event), event.params.section);
  return { ...page, entering: { channel: responseChannelLabels[page.view.channel], paperRef: page.view.assisted?.paperRef ?? '' } };
};

export const actions: Actions = {
  save: async (event) => saveSection(officerAnswering(event), event.request, event.params.section, 'next'),
};

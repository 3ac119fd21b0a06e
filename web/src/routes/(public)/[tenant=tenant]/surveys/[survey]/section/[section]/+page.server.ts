import { loadSection, saveSection } from '$lib/server/survey-pages';
import { parentAnswering } from '$lib/server/survey-parent';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => loadSection(parentAnswering(event), event.params.section);

export const actions: Actions = {
  save: async (event) => saveSection(parentAnswering(event), event.request, event.params.section, 'next'),
  later: async (event) => saveSection(parentAnswering(event), event.request, event.params.section, 'later'),
};

import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => ({ surveys: await api(null).publicSurveys(params.tenant) });

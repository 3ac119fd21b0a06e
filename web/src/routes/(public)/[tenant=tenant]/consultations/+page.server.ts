import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => ({ consultations: await api(null).publicConsultations(params.tenant) });

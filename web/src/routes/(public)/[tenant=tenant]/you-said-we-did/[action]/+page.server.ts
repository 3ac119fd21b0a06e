import { api } from '$lib/server/api';
import { publishedAction } from '$lib/server/public-log';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
  const action = await publishedAction(params.tenant, params.action);
  const consultations = action.consultationIds.length
    ? (await api(null).publicConsultations(params.tenant)).filter((c) => action.consultationIds.includes(c.id)).map((c) => ({ id: c.id, title: c.title }))
    : [];
  return { action, consultations };
};

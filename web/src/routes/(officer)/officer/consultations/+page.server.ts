import { stageTag } from '$lib/server/consultation-stages';
import { officerContext, orFail } from '$lib/server/officer';
import { dateInWords } from '$lib/words';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  const consultations = await orFail(client.consultations(tenantId), url);
  return {
    // Drafts too: only officers see this list. The API's order, the latest to open first.
    consultations: consultations.map((c) => ({
      id: c.id,
      title: c.title,
      stage: stageTag(c.stage),
      opensOn: dateInWords(c.opensOn),
      closesOn: dateInWords(c.closesOn),
    })),
  };
};

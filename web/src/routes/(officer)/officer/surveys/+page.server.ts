import { officerContext, orFail } from '$lib/server/officer';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  const surveys = await orFail(client.surveys(tenantId), url);
  const order = { open: 0, draft: 1, closed: 2 } as const;
  return {
    surveys: surveys
      .map((s) => ({ id: s.id, title: s.title, status: s.effectiveStatus, closesOn: s.closesOn, responses: s.responseCount }))
      // Open first, then drafts, then closed; the API's newest-first order within each.
      .sort((a, b) => order[a.status] - order[b.status]),
  };
};

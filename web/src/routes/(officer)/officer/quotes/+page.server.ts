import { loadNames } from '$lib/server/feedback-pages';
import { loadFailure, officerContext } from '$lib/server/officer';
import { dayOf } from '$lib/words';
import type { PageServerLoad } from './$types';

/**
 * Quotes waiting for a second person's approval: each links to its comment's page, where another
 * officer or an admin approves it or sends it back (whoever wrote it is told to ask someone else).
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { caller, client, tenantId } = officerContext(locals, url);
  let items: Awaited<ReturnType<typeof client.waitingQuotes>>['items'];
  try {
    items = (await client.waitingQuotes(tenantId)).items;
  } catch (e) {
    return loadFailure(e, url);
  }
  const { names } = await loadNames(client, tenantId, url);
  return {
    items: items.map((q) => ({
      id: q.feedbackId,
      text: q.text,
      theme: names.theme.get(q.themeId) ?? 'A theme',
      by: q.by,
      on: dayOf(q.at),
      yours: q.by.toLowerCase() === caller.email.toLowerCase(),
    })),
  };
};

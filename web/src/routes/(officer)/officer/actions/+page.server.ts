import { actionStatusLabels } from '@pv/shared/action.schema';
import { ApiError } from '$lib/server/api';
import { shortened, stateTag } from '$lib/server/action-pages';
import { loadFailure, officerContext } from '$lib/server/officer';
import { dayOf } from '$lib/words';
import type { PageServerLoad } from './$types';

/** The partnership's "you said, we did" actions, last changed first, a page at a time (the API's cursor). */
const PAGE_SIZE = 25;

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  const raw = url.searchParams.get('cursor') ?? '';
  const cursor = raw && raw.length <= 1000 ? raw : undefined;
  const pageNumber = Math.min(Math.max(Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1, 1), 100_000);
  let page: Awaited<ReturnType<typeof client.actions>>;
  try {
    page = await client.actions(tenantId, { cursor, limit: PAGE_SIZE });
  } catch (e) {
    // A page link that is out of date or was changed by hand: say so, and offer the first page.
    if (e instanceof ApiError && e.status === 400) return { items: [], pageNumber, next: undefined, first: '/officer/actions', problem: e.problem.title };
    return loadFailure(e, url);
  }
  return {
    items: page.items.map((a) => ({
      id: a.id,
      youSaid: shortened(a.youSaid),
      status: actionStatusLabels[a.status],
      state: stateTag(a),
      owner: a.owner,
      changed: dayOf(a.updatedAt),
    })),
    pageNumber,
    next: page.next ? `/officer/actions?${new URLSearchParams({ cursor: page.next, page: String(pageNumber + 1) })}` : undefined,
    first: cursor ? '/officer/actions' : undefined,
    problem: undefined as string | undefined,
  };
};

import { fail, redirect } from '@sveltejs/kit';
import { bulkInput, themeInput, type FeedbackView } from '@pv/shared/feedback.schema';
import { listActionFailure } from '$lib/server/admin';
import { ApiError } from '$lib/server/api';
import {
  commentCard,
  isFeedbackId,
  loadNames,
  queueFilterOptions,
  queueFlash,
  queueHref,
  queuePlace,
  queueSearch,
  queueTabs,
  readQueueFilter,
  saveFeedback,
} from '$lib/server/feedback-pages';
import { formText, newIdempotencyKey, readWith, sentIdempotencyKey, valuesOf } from '$lib/server/forms';
import { loadFailure, officerContext } from '$lib/server/officer';
import type { Actions, PageServerLoad } from './$types';

/**
 * The triage queue: a tab per status with its count, a filter, a page of comments at a time (the
 * API's cursor), the matcher's suggestions to accept or turn down, and one action for many comments.
 */
const PAGE_SIZE = 25;

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  const { config, names, themes } = await loadNames(client, tenantId, url);
  const { values, cursor, page } = readQueueFilter(url.searchParams, config);
  const query = {
    status: values.status,
    ...(values.priority ? { priority: values.priority } : {}),
    ...(values.network ? { network: values.network } : {}),
    ...(values.group ? { group: values.group } : {}),
    ...(values.q ? { q: values.q } : {}),
    ...(cursor ? { cursor } : {}),
    limit: PAGE_SIZE,
  };
  let queue: Awaited<ReturnType<typeof client.feedbackQueue>>;
  try {
    queue = await client.feedbackQueue(tenantId, query);
  } catch (e) {
    // A page link that was changed by hand (the API can't read its cursor): the first page instead.
    if (e instanceof ApiError && e.status === 400 && cursor) redirect(303, `/officer/feedback${queueSearch(values)}`);
    return loadFailure(e, url);
  }
  const place = queuePlace(url.searchParams);
  return {
    filter: values,
    filtered: Boolean(values.priority || values.network || values.group || values.q),
    options: queueFilterOptions(config),
    themes: themes.map((t) => ({ value: t.id, label: t.name })),
    tabs: queueTabs.map((t) => ({ ...t, count: queue.counts[t.status], href: `/officer/feedback${queueSearch({ ...values, status: t.status })}` })),
    items: queue.items.map((f) => commentCard(f, names)),
    page,
    next: queue.next ? `/officer/feedback${queueSearch(values, { cursor: queue.next, page: page + 1 })}` : undefined,
    first: cursor ? `/officer/feedback${queueSearch(values)}` : undefined,
    /** Where the officer is, for the actions (they come back here) and the comments' own pages. */
    place,
    flash: queueFlash(url.searchParams, names),
    idempotencyKey: newIdempotencyKey(),
  };
};

/** Accepting or turning down one suggestion saves the comment's whole set of tags, as its own page would. */
function suggestion(kind: 'accept' | 'dismiss') {
  return async ({ request, locals, url }: { request: Request; locals: App.Locals; url: URL }) => {
    const { client, tenantId } = officerContext(locals, url);
    const form = await request.formData();
    const [id = '', version = '', priorityId = ''] = formText(form, 'suggestion').split(':');
    if (!isFeedbackId(id) || !/^\d{1,9}$/.test(version) || !/^[a-z0-9-]{1,80}$/.test(priorityId)) {
      return fail(400, { actionError: { id, message: 'Something was missing from the form. Reload the page and try again.' } });
    }
    let saved: FeedbackView;
    try {
      const current = await client.feedback(tenantId, id);
      // The version shown on the page, not the one just read: a change made meanwhile is a conflict.
      saved = await client.setFeedbackTags(tenantId, id, {
        version: Number(version),
        priorityIds: kind === 'accept' ? [...new Set([...current.priorityIds, priorityId])] : current.priorityIds,
        crossCuttingIds: current.crossCuttingIds,
        dismissed: kind === 'dismiss' ? [priorityId] : [],
      });
    } catch (e) {
      return listActionFailure(e, url, id);
    }
    redirect(303, queueHref(queuePlace(url.searchParams), { [kind === 'accept' ? 'accepted' : 'dismissed']: priorityId, now: saved.status }));
  };
}

const bulkFields = { name: 'themeName' };

export const actions: Actions = {
  accept: suggestion('accept'),
  dismiss: suggestion('dismiss'),

  bulk: async ({ request, locals, url }) => {
    const { client, tenantId } = officerContext(locals, url);
    const form = await request.formData();
    const values = valuesOf(form, ['action', 'priorityId', 'themeId', 'themeName'], ['ids']);
    const byPriority = values.action === 'add-priority' || values.action === 'remove-priority';
    const toTheme = values.action === 'add-to-theme';
    const newTheme = toTheme && values.themeId === 'new';
    const read = readWith(bulkInput, {
      ids: values.ids,
      action: values.action || undefined,
      priorityId: byPriority ? values.priorityId || undefined : undefined,
      themeId: toTheme ? values.themeId || undefined : undefined,
    }, values);
    const named = newTheme ? readWith(themeInput, { name: values.themeName, description: '' }, values) : undefined;
    if (read.errors || named?.errors) return fail(400, { values, errors: { ...read.errors, ...(named?.errors?.name ? { themeName: named.errors.name } : {}) } });

    // A new theme for the chosen comments is made once (its key), as the themes page does.
    const apply = async (input: typeof read.input): Promise<Record<string, string | number>> => {
      if (named) return { madeTheme: (await client.createTheme(tenantId, { name: named.input.name, description: '', ids: input.ids }, sentIdempotencyKey(form))).id };
      const result = await client.bulkFeedback(tenantId, input);
      return { changed: result.changed, unchanged: result.unchanged, skipped: result.skipped };
    };
    const saved = await saveFeedback(read, apply, { url, keep: {}, fieldOf: bulkFields });
    if (!saved.ok) return saved.failure;
    redirect(303, queueHref(queuePlace(url.searchParams), saved.value));
  },
};

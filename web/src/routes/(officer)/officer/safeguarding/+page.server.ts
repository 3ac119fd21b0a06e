import * as z from 'zod';
import { redirect } from '@sveltejs/kit';
import { text, version } from '@pv/shared/validation';
import { ApiError } from '$lib/server/api';
import { commentCard, feedbackIdOf, loadNames, saveFeedback } from '$lib/server/feedback-pages';
import { formText, readWith, valuesOf } from '$lib/server/forms';
import { dayOf, loadFailure, officerContext } from '$lib/server/officer';
import type { Actions, PageServerLoad } from './$types';

/**
 * Comments flagged as safeguarding concerns: only the partnership's named safeguarding contact can
 * read them (the API says 403 to anyone else, and this page then says who can).
 */

// As the API checks it (handle-safeguarding.handler.ts).
const handledInput = z.object({ version, note: text('Say what was done', 'What was done', { max: 1000 }) });

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  let items: Awaited<ReturnType<typeof client.safeguarding>>['items'];
  try {
    items = (await client.safeguarding(tenantId)).items;
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return { allowed: false as const, items: [], handled: undefined };
    return loadFailure(e, url);
  }
  const { names } = await loadNames(client, tenantId, url);
  const handledId = url.searchParams.get('handled');
  return {
    allowed: true as const,
    handled: items.some((i) => i.id === handledId) ? handledId : undefined,
    items: items.map((f) => ({
      card: commentCard(f, names),
      flag: f.flag
        ? {
            by: f.flag.by,
            at: dayOf(f.flag.at),
            reason: f.flag.reason,
            handled: f.flag.handled ? { by: f.flag.handled.by, at: dayOf(f.flag.handled.at), note: f.flag.handled.note } : undefined,
          }
        : undefined,
    })),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const { client, tenantId } = officerContext(locals, url);
    const form = await request.formData();
    const id = feedbackIdOf(formText(form, 'id'));
    const values = valuesOf(form, ['note']);
    const read = readWith(handledInput, { ...values, version: formText(form, 'version') }, values);
    const saved = await saveFeedback(read, (input) => client.handleSafeguarding(tenantId, id, input.version, input.note), { url, keep: { id } });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/safeguarding?handled=${id}#flag-${id}`);
  },
};

import { fail, redirect } from '@sveltejs/kit';
import type * as z from 'zod';
import { approveInput, returnInput } from '@pv/shared/action.schema';
import { quoteInput, statusInput, tagInput, type FeedbackView } from '@pv/shared/feedback.schema';
import type { TenantConfig } from '@pv/shared/config.schema';
import { ApiError } from '$lib/server/api';
import { activeOptions, backParam, feedbackIdOf, loadNames, officerComment, placeFrom, queueHref, saveFeedback } from '$lib/server/feedback-pages';
import { formList, formText, readWith, valuesOf } from '$lib/server/forms';
import { officerContext } from '$lib/server/officer';
import { quotePeople, quoteTag } from '$lib/server/quote-pages';
import { dayOf } from '$lib/words';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * One comment: tag it with priorities and cross-cutting themes (saving marks it reviewed; the
 * suggestions left unticked are not suggested again), mark it not relevant or put it back, and the
 * ways to flag a safeguarding concern or remove it; and, once it is in a theme, the words partners
 * may read from it (the API checks they are the comment's own and hold no personal data).
 */


/** Active choices, plus any the comment already has that have since been retired. */
function choices(items: TenantConfig['priority'] | TenantConfig['crossCuttingTheme'], chosen: string[]) {
  const active = activeOptions(items);
  const retired = items.filter((i) => i.status !== 'active' && chosen.includes(i.id)).map((i) => ({ value: i.id, label: `${i.name} (retired)` }));
  return [...active, ...retired];
}

const quoteFlashes: Record<string, string> = {
  saved: 'Saved the quote. Another officer or an admin must approve it before partners see it.',
  removed: 'Removed the quote',
  unchanged: 'The quote is unchanged: partners still read it.',
  approved: 'The quote is approved. Partners can read it on the theme’s page now.',
  returned: 'The quote has been sent back to its author, with what needs changing.',
};

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { caller, config, view, card, place } = await officerComment(locals, url, params.id);
  const because = new Map(card.suggestions.map((s) => [s.priorityId, s.because]));
  const quote = view.quote;
  const quoted = url.searchParams.get('quoted') ?? '';
  return {
    card,
    place,
    quote: {
      inTheme: !!view.themeId,
      current: quote?.text,
      text: quote?.text ?? view.text,
      tag: quote ? quoteTag(quote) : undefined,
      state: quote ? (quote.state ?? 'approved') : undefined,
      people: quote ? quotePeople(quote) : [],
      returned: quote?.state === 'returned' && quote.returned ? { by: quote.returned.by, on: dayOf(quote.returned.at), reason: quote.returned.reason } : undefined,
      // A second person approves: whoever wrote the words is told to ask someone else instead.
      writtenByYou: !!quote && quote.by.toLowerCase() === caller.email.toLowerCase(),
      flash: quoteFlashes[quoted] ? quoted : undefined,
      flashText: quoteFlashes[quoted],
    },
    priorities: choices(config.priority, view.priorityIds).map((o) => ({ ...o, hint: because.has(o.value) ? `Suggested because it mentions ${because.get(o.value)}` : undefined })),
    crossCutting: choices(config.crossCuttingTheme, view.crossCuttingIds),
    values: { priorityIds: view.priorityIds, crossCuttingIds: view.crossCuttingIds },
  };
};

/** What someone else saved, in words, for the "Someone else changed this comment" box. */
async function theirVersion(stored: unknown, client: ReturnType<typeof officerContext>['client'], tenantId: string, url: URL) {
  const current = stored as FeedbackView;
  const { names } = await loadNames(client, tenantId, url);
  return {
    version: current.version,
    priorities: current.priorityIds.map((p) => names.priority.get(p) ?? p),
    crossCutting: current.crossCuttingIds.map((t) => names.crossCutting.get(t) ?? t),
    status: current.status,
  };
}

type Client = ReturnType<typeof officerContext>['client'];

/** Approve or send back: the form checked by the same schema as an action's step, then the API, then the page again. */
async function quoteStep<T extends { version: number }>(
  { request, locals, url, params }: RequestEvent,
  schema: z.ZodType<T>,
  call: (client: Client, tenantId: string, id: string, input: T) => Promise<unknown>,
  done: string,
) {
  const { client, tenantId } = officerContext(locals, url);
  const id = feedbackIdOf(params.id);
  const form = await request.formData();
  const keep = { form: 'quote-step' };
  const values = valuesOf(form, ['reason']);
  const read = readWith(schema, { version: formText(form, 'version'), reason: values.reason }, values);
  if (read.errors) return fail(400, { ...keep, values, errors: read.errors.reason ? { reason: read.errors.reason } : { _: 'Something was missing from the form. Reload the page and try again.' } });
  // The API refuses the quote's author (false here): a second person must approve it.
  const byAnother = (input: T) => call(client, tenantId, id, input).then(() => true, (e: unknown) => (e instanceof ApiError && e.status === 403 ? false : Promise.reject(e)));
  const saved = await saveFeedback(read, byAnother, { url, keep });
  if (!saved.ok) return saved.failure;
  if (!saved.value) return fail(403, { ...keep, values, errors: { _: 'A second person must approve this quote. You wrote it, so ask another officer or an admin.' } });
  const back = backParam(placeFrom(url));
  redirect(303, `/officer/feedback/${id}${back ? `${back}&` : '?'}quoted=${done}`);
}

export const actions: Actions = {
  save: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = feedbackIdOf(params.id);
    const form = await request.formData();
    const values = valuesOf(form, [], ['priorityIds', 'crossCuttingIds']);
    // Saving says "these are the right tags": a suggestion left unticked is turned down.
    const dismissed = formList(form, 'suggested').filter((p) => !values.priorityIds!.includes(p));
    const read = readWith(tagInput, { ...values, dismissed, version: formText(form, 'version') }, values);
    const saved = await saveFeedback(read, (input) => client.setFeedbackTags(tenantId, id, input), {
      url,
      keep: {},
      // Keep this officer's ticks; a second Save puts them on top of the other person's version knowingly.
      onConflict: async (stored, values) => fail(409, { values, errors: {}, conflict: await theirVersion(stored, client, tenantId, url) }),
    });
    if (!saved.ok) return saved.failure;
    redirect(303, queueHref(placeFrom(url), { saved: id, now: saved.value.status }));
  },

  /** Save the words partners may read ("Save quote"), or take them away ("Remove the quote"). */
  quote: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = feedbackIdOf(params.id);
    const form = await request.formData();
    const remove = formText(form, 'do') === 'remove';
    const values = valuesOf(form, ['quote']);
    const keep = { form: 'quote' };
    const read = readWith(quoteInput, { version: formText(form, 'version'), text: remove ? '' : values.quote }, values);
    if (read.errors) return fail(400, { ...keep, values, errors: read.errors.text ? { quote: read.errors.text } : { _: 'Something was missing from the form. Reload the page and try again.' } });
    // An empty box would take the quote away: only the remove button may do that.
    if (!remove && !read.input.text) return fail(400, { ...keep, values, errors: { quote: 'Enter the words partners may read, or choose “Remove the quote”' } });
    const saved = await saveFeedback(read, (input) => client.setFeedbackQuote(tenantId, id, input.version, input.text), { url, keep, fieldOf: { text: 'quote' } });
    if (!saved.ok) return saved.failure;
    // The same words as an approved quote change nothing: say so, rather than "waiting for approval".
    const done = remove ? 'removed' : saved.value.quote?.state === 'awaiting-approval' ? 'saved' : 'unchanged';
    const back = backParam(placeFrom(url));
    redirect(303, `/officer/feedback/${id}${back ? `${back}&` : '?'}quoted=${done}`);
  },

  /** A second person approves the quote, or sends it back saying what needs changing. */
  approveQuote: async (event) => quoteStep(event, approveInput, (c, t, id, b) => c.approveQuote(t, id, b.version), 'approved'),
  returnQuote: async (event) => quoteStep(event, returnInput, (c, t, id, b) => c.returnQuote(t, id, b.version, b.reason), 'returned'),

  status: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = feedbackIdOf(params.id);
    const form = await request.formData();
    const read = readWith(statusInput, { version: formText(form, 'version'), status: formText(form, 'status') }, {});
    if (read.errors) return fail(400, { errors: { _: 'Something was missing from the form. Reload the page and try again.' } });
    const saved = await saveFeedback(read, (input) => client.setFeedbackStatus(tenantId, id, input.version, input.status).then(() => input.status), { url, keep: {} });
    if (!saved.ok) return saved.failure;
    redirect(303, queueHref(placeFrom(url), { moved: id, now: saved.value }));
  },
};

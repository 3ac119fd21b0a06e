import { error, redirect, type ActionFailure } from '@sveltejs/kit';
import type * as z from 'zod';
import type { TenantConfig } from '@pv/shared/config.schema';
import { conversationChannelLabels, type ConversationChannel } from '@pv/shared/consultation.schema';
import { feedbackStatusLabels, type FeedbackStatus, type FeedbackView, type ThemeSummary } from '@pv/shared/feedback.schema';
import { responseChannelLabels, type ResponseChannel } from '@pv/shared/survey.schema';
import { comments, countText, quoted, type CommentCard, type Flash } from '$lib/feedback';
import { errorsByField, type FormErrors } from '$lib/form-errors';
import { dayOf } from '$lib/words';
import { ApiError, type api } from './api';
import { readWith, save, valuesOf, type FormRead, type SaveOptions } from './forms';
import { networkOptions, officerContext, orFail } from './officer';

/**
 * What the feedback pages share: the triage queue, one comment, its safeguarding and removal
 * pages, flagged comments and themes. Ids → names (a comment's card), the queue's filter and the
 * messages shown after an action, and the API's problems → words on the page.
 */

type Client = ReturnType<typeof api>;

const feedbackIdPattern = /^[A-Za-z0-9]{10,40}$/;
const themeIdPattern = /^[a-z0-9-]{1,80}$/;

/** Ids from the URL, or 404 for one the API could never have made (feedback.params.ts). */
export function feedbackIdOf(id: string): string {
  if (!feedbackIdPattern.test(id)) error(404, { message: 'Page not found' });
  return id;
}

export function themeIdOf(id: string): string {
  if (!themeIdPattern.test(id)) error(404, { message: 'Page not found' });
  return id;
}

export const isFeedbackId = (id: string) => feedbackIdPattern.test(id);

// ---------------------------------------------------------------------------------------------
// Names

const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;
const nameMap = (items: { id: string; name?: string; title?: string }[]) => new Map(items.map((i) => [i.id, i.name ?? i.title ?? i.id]));

/** Everything a comment's ids can name, read once per page. */
export async function loadNames(client: Client, tenantId: string, url: URL) {
  const [config, surveys, consultations, themes] = await Promise.all([
    orFail(client.config(tenantId), url),
    orFail(client.surveys(tenantId), url),
    orFail(client.publicConsultations(tenantId), url),
    orFail(client.themes(tenantId), url),
  ]);
  const names = {
    priority: nameMap(config.priority),
    crossCutting: nameMap(config.crossCuttingTheme),
    network: nameMap(config.hubNetwork),
    hub: nameMap(config.hub),
    group: nameMap(config.group),
    survey: nameMap(surveys),
    consultation: nameMap(consultations),
    theme: nameMap(themes.items),
  };
  return { config, names, themes: themes.items };
}
export type Names = Awaited<ReturnType<typeof loadNames>>['names'];

const namesOf = (ids: string[], map: Map<string, string>) => ids.map((id) => map.get(id) ?? id);

function sourceOf(f: Pick<FeedbackView, 'source'>, n: Names): string {
  if (f.source.kind === 'survey') {
    const title = n.survey.get(f.source.surveyId);
    return title ? `Survey: ${title}` : 'Survey';
  }
  const title = n.consultation.get(f.source.consultationId);
  const people = f.source.people > 1 ? ` with ${f.source.people} people` : '';
  return `Conversation${people}${title ? `: ${title}` : ''}`;
}

/** A comment as the pages show it; a flagged comment (for the safeguarding contact) has no suggestions. */
export function commentCard(f: Omit<FeedbackView, 'suggestions'> & { suggestions?: FeedbackView['suggestions'] }, n: Names): CommentCard {
  const channel = f.source.kind === 'survey' ? responseChannelLabels[f.channel as ResponseChannel] : conversationChannelLabels[f.channel as ConversationChannel];
  return {
    id: f.id,
    version: f.version,
    text: f.text,
    status: f.status,
    statusLabel: feedbackStatusLabels[f.status],
    received: dayOf(f.receivedOn),
    source: sourceOf(f, n),
    channel: channel ?? f.channel,
    places: [...namesOf(f.hubIds, n.hub), ...(f.networkId ? [n.network.get(f.networkId) ?? f.networkId] : [])],
    groups: namesOf(f.groups, n.group),
    priorities: namesOf(f.priorityIds, n.priority),
    crossCutting: namesOf(f.crossCuttingIds, n.crossCutting),
    theme: f.themeId ? { id: f.themeId, name: n.theme.get(f.themeId) ?? 'A theme' } : undefined,
    named: f.named,
    suggestions: (f.suggestions ?? []).map((s) => ({ priorityId: s.priorityId, name: n.priority.get(s.priorityId) ?? s.priorityId, because: quoted(s.because) })),
  };
}

/** Active items of a kind, in the admin's order, as select or checkbox options. */
export function activeOptions(items: { id: string; name: string; status: string; order: number }[]) {
  return items
    .filter((i) => i.status === 'active')
    .sort(byOrder)
    .map((i) => ({ value: i.id, label: i.name }));
}

// ---------------------------------------------------------------------------------------------
// The queue's tabs and filter (a GET form, so it works without JavaScript)

export const queueTabs = [
  { status: 'untagged', label: 'Needs tagging' },
  { status: 'new', label: 'New' },
  { status: 'reviewed', label: 'Reviewed' },
  { status: 'not-relevant', label: 'Not relevant' },
] as const;
export type QueueStatus = (typeof queueTabs)[number]['status'];

export interface QueueFilter {
  status: QueueStatus;
  priority: string;
  network: string;
  group: string;
  q: string;
}

const filterKeys = ['status', 'priority', 'network', 'group', 'q'] as const;

/** The filter from a query string; a value that is not one of the choices is dropped. */
export function readQueueFilter(params: URLSearchParams, config: TenantConfig): { values: QueueFilter; cursor?: string; page: number } {
  const one = (key: string, ids: { id: string }[]) => {
    const v = params.get(key) ?? '';
    return ids.some((i) => i.id === v) ? v : '';
  };
  const status = params.get('status') ?? '';
  const cursor = params.get('cursor') ?? '';
  return {
    values: {
      status: queueTabs.some((t) => t.status === status) ? (status as QueueStatus) : 'untagged',
      priority: one('priority', config.priority),
      network: one('network', config.hubNetwork),
      group: one('group', config.group),
      q: (params.get('q') ?? '').trim().slice(0, 100),
    },
    cursor: cursor && cursor.length <= 2000 ? cursor : undefined,
    page: Math.min(Math.max(Number.parseInt(params.get('page') ?? '1', 10) || 1, 1), 100_000),
  };
}

/** "?status=new&priority=…" for links; `extra` adds the page, a message after an action, and so on. */
export function queueSearch(values: QueueFilter, extra: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const key of filterKeys) if (values[key]) p.set(key, values[key]);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== '') p.set(key, String(value));
  const s = p.toString();
  return s ? `?${s}` : '';
}

const placeKeys = [...filterKeys, 'cursor', 'page'] as const;

/**
 * Where the officer was in the queue (tab, filter, page) as a query string without the "?": kept
 * after an action, and carried through a comment's pages as ?back=… so they can go back there.
 * Only the queue's own keys are kept; the queue's load checks their values.
 */
export function queuePlace(params: URLSearchParams): string {
  const p = new URLSearchParams();
  for (const key of placeKeys) {
    const value = params.get(key);
    if (value && value.length <= 2000) p.set(key, value);
  }
  return p.toString();
}

/** The queue at that place, with a message to show (what the action did). */
export function queueHref(place: string, message: Record<string, string | number> = {}): string {
  const p = new URLSearchParams(place);
  for (const [key, value] of Object.entries(message)) p.set(key, String(value));
  const s = p.toString();
  return `/officer/feedback${s ? `?${s}` : ''}`;
}

/** The place the comment's pages were opened from (their ?back=…). */
export const placeFrom = (url: URL) => queuePlace(new URLSearchParams(url.searchParams.get('back') ?? ''));

/** "?back=…" for links between a comment's pages. */
export const backParam = (place: string) => (place ? `?back=${encodeURIComponent(place)}` : '');

export function queueFilterOptions(config: TenantConfig) {
  return { priorities: activeOptions(config.priority), networks: networkOptions(config), groups: activeOptions(config.group) };
}

// ---------------------------------------------------------------------------------------------
// Messages after an action (the action redirects with a few query parameters)

const tabName = (status: string) => feedbackStatusLabels[status as FeedbackStatus] ?? status;

export function queueFlash(params: URLSearchParams, n: Names): Flash | undefined {
  const now = params.get('now');
  const where = now ? `The comment is now in ‘${tabName(now)}’.` : undefined;
  const priority = (key: string) => n.priority.get(params.get(key) ?? '') ?? 'the priority';
  if (params.has('accepted')) return { heading: `Tagged the comment with ‘${priority('accepted')}’`, detail: where };
  if (params.has('dismissed')) return { heading: `‘${priority('dismissed')}’ will not be suggested for that comment again`, detail: where };
  if (params.has('saved')) return { heading: 'Saved the comment’s tags', detail: where };
  if (params.has('moved')) return { heading: now === 'new' ? 'The comment is back in the queue' : `The comment is now in ‘${tabName(now ?? '')}’` };
  if (params.has('flagged')) return { heading: 'The comment has been flagged as a safeguarding concern', detail: 'Only the partnership’s safeguarding contact can see it now. They have been sent an email.' };
  if (params.has('removed')) return { heading: 'The comment has been removed for good' };
  const themeId = params.get('madeTheme');
  if (themeId) {
    const name = n.theme.get(themeId) ?? 'the new theme';
    return { heading: `Made the theme ‘${name}’ from the chosen comments`, link: { href: `/officer/themes/${themeId}`, text: `Open ‘${name}’` } };
  }
  if (params.has('changed')) {
    const count = (key: string) => Math.max(Number.parseInt(params.get(key) ?? '0', 10) || 0, 0);
    const unchanged = count('unchanged');
    const skipped = count('skipped');
    const notes = [
      unchanged ? `${comments(unchanged)} ${unchanged === 1 ? 'was' : 'were'} already like that.` : '',
      skipped ? `${comments(skipped)} ${skipped === 1 ? 'was' : 'were'} skipped: someone flagged or removed ${skipped === 1 ? 'it' : 'them'} meanwhile.` : '',
    ].filter(Boolean);
    return { heading: `Changed ${comments(count('changed'))}`, detail: notes.join(' ') || undefined };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Problems from the API

/** The API's (or the schema's) field names → the page's, the first message of each field. */
export function onPage(errors: Record<string, string>, fieldOf: Record<string, string> = {}): FormErrors {
  return errorsByField(Object.fromEntries(Object.entries(errors).map(([k, m]) => [fieldOf[k] ?? k, m])));
}

/**
 * save() for the feedback pages: field errors renamed to the page's fields, and on a stale version
 * (409) the version stored now goes back with the form, so trying again is on top of the other change.
 * The API's titles are written for people ("Someone else changed this comment while you were looking at it…").
 */
export async function saveFeedback<I, T, K extends object>(
  read: FormRead<I>,
  call: (input: I) => Promise<T>,
  options: { url: URL; keep: K; fieldOf?: Record<string, string>; onConflict?: SaveOptions<ActionFailure<object>>['onConflict'] },
) {
  // refusal() reads `keep` after the call fails, so the stale version can still be put in it.
  const keep: K & { version?: number } = { ...options.keep };
  const noting = (input: I) =>
    call(input).catch((e: unknown) => {
      const current = e instanceof ApiError && e.status === 409 ? (e.current as { version?: number } | undefined) : undefined;
      if (current?.version) keep.version = current.version;
      throw e;
    });
  return save(read, noting, { url: options.url, keep, toPage: (errors) => onPage(errors, options.fieldOf), onConflict: options.onConflict });
}

// ---------------------------------------------------------------------------------------------
// One comment's pages

/** The officer, their API, the comment named by the URL (404 when it is gone) and its card. */
export async function officerComment(locals: App.Locals, url: URL, idParam: string) {
  const context = officerContext(locals, url);
  const id = feedbackIdOf(idParam);
  const [{ config, names, themes }, view] = await Promise.all([loadNames(context.client, context.tenantId, url), orFail(context.client.feedback(context.tenantId, id), url)]);
  const place = placeFrom(url);
  return { ...context, id, config, names, themes, view, card: commentCard(view, names), place };
}

/** What a page that asks for a reason shows: the comment, and where "back" goes. */
export async function loadReasonPage(locals: App.Locals, url: URL, idParam: string) {
  const { card, place, view } = await officerComment(locals, url, idParam);
  return { card, back: `/officer/feedback/${card.id}${backParam(place)}`, fromSurvey: view.source.kind === 'survey' };
}

/**
 * A page that asks for a reason before doing something that can't be undone (flag a safeguarding
 * concern, remove a comment): the reason is checked by the shared schema, then the call is made.
 */
export function reasonAction(schema: z.ZodType<{ version: number; reason: string }>, call: (client: Client, tenantId: string, id: string, version: number, reason: string) => Promise<void>, done: Record<string, string>) {
  return async ({ request, locals, url, params }: { request: Request; locals: App.Locals; url: URL; params: { id: string } }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = feedbackIdOf(params.id);
    const form = await request.formData();
    const values = valuesOf(form, ['reason', 'version']);
    const saved = await saveFeedback(readWith(schema, values, values), (input) => call(client, tenantId, id, input.version, input.reason), { url, keep: {} });
    if (!saved.ok) return saved.failure;
    redirect(303, queueHref(placeFrom(url), done));
  };
}

// ---------------------------------------------------------------------------------------------
// Themes

/** The officer, their API, the theme named by the URL (404 when it is gone), its comments and the names. */
export async function officerTheme(locals: App.Locals, url: URL, idParam: string) {
  const context = officerContext(locals, url);
  const id = themeIdOf(idParam);
  const [{ names, themes }, { theme, comments }] = await Promise.all([loadNames(context.client, context.tenantId, url), orFail(context.client.theme(context.tenantId, id), url)]);
  return { ...context, id, names, themes, theme, comments: comments.map((f) => commentCard(f, names)) };
}

type Counted = ThemeSummary['priorities'];

/** The biggest few of a theme's priorities (or networks, or groups), small counts in words. */
export function topOf(list: Counted, threshold: number, n = 3): string {
  return [...list]
    .sort((a, b) => (b.count ?? 0) - (a.count ?? 0))
    .slice(0, n)
    .map((i) => `${i.name} (${countText(i.count, threshold)})`)
    .join(', ');
}

/** A theme's spread as rows for its page: name and count, small counts in words. */
export function rowsOf(list: Counted, threshold: number) {
  return [...list].sort((a, b) => (b.count ?? 0) - (a.count ?? 0)).map((i) => ({ id: i.id, name: i.name, count: countText(i.count, threshold) }));
}

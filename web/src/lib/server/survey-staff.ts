import { error, redirect, type Cookies } from '@sveltejs/kit';
import type { TenantConfig } from '@pv/shared/config.schema';
import type { StoredResponse } from '@pv/shared/survey.schema';
import { draftApi, type api } from './api';
import { officerContext, orFail } from './officer';
import { draftCookie, type Answering } from './survey-pages';

/**
 * What the officer survey pages after building share: results, the exports, invitations and
 * entering a response for a parent.
 */

const surveyIdPattern = /^[a-z0-9][a-z0-9-]{0,59}$/;
const questionIdPattern = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A survey id from the URL, or 404 for one the API could never have made. */
export function surveyIdOf(id: string): string {
  if (!surveyIdPattern.test(id)) error(404, { message: 'Page not found' });
  return id;
}

export function questionIdOf(id: string): string {
  if (!questionIdPattern.test(id)) error(404, { message: 'Page not found' });
  return id;
}

/** The officer, their API and the survey named by the URL (404 when there is none). */
export async function officerSurvey(locals: App.Locals, url: URL, surveyParam: string) {
  const context = officerContext(locals, url);
  const surveyId = surveyIdOf(surveyParam);
  const survey = await orFail(context.client.survey(context.tenantId, surveyId), url);
  return { ...context, surveyId, survey };
}

/** Where the officer survey pages live. */
export const surveyHref = (surveyId: string) => `/officer/surveys/${surveyId}`;

/** Every stored response, a page of 500 at a time, until the API says there are no more. */
export async function allResponses(client: ReturnType<typeof api>, tenantId: string, surveyId: string): Promise<StoredResponse[]> {
  const all: StoredResponse[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await client.surveyResponses(tenantId, surveyId, { cursor, limit: 500 });
    all.push(...page.items);
    if (!page.next) return all;
    cursor = page.next;
  }
}

/** Hub and network names by id, for the CSV. */
export function placeNames(config: TenantConfig) {
  return {
    hubs: Object.fromEntries(config.hub.map((h) => [h.id, h.name])),
    networks: Object.fromEntries(config.hubNetwork.map((n) => [n.id, n.name])),
  };
}

// ---------------------------------------------------------------------------------------------
// Entering a response for a parent

export const entryBase = (surveyId: string) => `${surveyHref(surveyId)}/entry`;

/**
 * An officer entering a paper form, phone call or event conversation: the parents' answering pages
 * under /officer/surveys/<id>/entry, the draft token in an httpOnly cookie scoped to that path, and
 * the API's staff routes (the officer's session as well as the token).
 */
export function officerAnswering(event: { locals: App.Locals; url: URL; cookies: Cookies; params: { survey: string } }): Answering & { tenantId: string; surveyId: string } {
  const { tenantId } = officerContext(event.locals, event.url);
  const surveyId = surveyIdOf(event.params.survey);
  const base = entryBase(surveyId);
  const token = draftCookie(event.cookies, surveyId);
  if (!token) redirect(303, base);
  return { base, start: base, client: draftApi(tenantId, surveyId, token, event.locals.session), tenantId, surveyId };
}

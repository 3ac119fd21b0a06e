import { redirect, type Cookies } from '@sveltejs/kit';
import { draftApi } from './api';
import { draftCookie, type Answering } from './survey-pages';

/** A parent answering: the draft token from this browser's cookie for the survey. */
export function parentAnswering(event: { cookies: Cookies; params: { tenant: string; survey: string } }): Answering {
  const { tenant, survey } = event.params;
  const base = `/${tenant}/surveys/${survey}`;
  const token = draftCookie(event.cookies, survey);
  if (!token) redirect(303, base);
  return { base, start: base, client: draftApi(tenant, survey, token) };
}

import { dayText, dayWithWeekday, monthText } from '@pv/shared/dates';
import { error, redirect } from '@sveltejs/kit';
import type { TenantConfig } from '@pv/shared/config.schema';
import { api, ApiError } from './api';
import { requireArea, signInUrl } from './guard';

/** What every officer load and action starts with: an officer (or admin) of one partnership and an API as them. */
export function officerContext(locals: App.Locals, url: URL) {
  const caller = requireArea(locals, url, 'officer');
  return { caller, tenantId: caller.tenantId, client: api(locals.session) };
}

const panelIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ulidPattern = /^[0-9A-Z]{26}$/;

/** Ids from the URL, or 404 for one the API could never have made. */
export function panelIdOf(id: string): string {
  if (!panelIdPattern.test(id) || id.length > 60) error(404, { message: 'Page not found' });
  return id;
}

/** Consultation ids are made from their title (consultations.params.ts). */
const consultationIdPattern = /^[a-z0-9][a-z0-9-]{0,59}$/;

export function consultationIdOf(id: string): string {
  if (!consultationIdPattern.test(id)) error(404, { message: 'Page not found' });
  return id;
}

export function meetingIdOf(id: string): string {
  if (!ulidPattern.test(id)) error(404, { message: 'Page not found' });
  return id;
}

export function isMemberId(id: string): boolean {
  return ulidPattern.test(id);
}

/** An API problem while loading a page → the right error page (or sign in again). */
export function loadFailure(e: unknown, url: URL): never {
  if (!(e instanceof ApiError)) throw e;
  if (e.status === 401) redirect(303, signInUrl(url));
  if (e.status === 403) error(403, { message: e.problem.title });
  if (e.status === 404) error(404, { message: e.problem.title });
  throw e;
}

/** Runs an API call for a load; a 404 from the API is the page's 404. */
export async function orFail<T>(call: Promise<T>, url: URL): Promise<T> {
  try {
    return await call;
  } catch (e) {
    return loadFailure(e, url);
  }
}

/** One text field from a form ('' when missing). */
export function textOf(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === 'string' ? value : '';
}

/** Every value of a repeated field (checkboxes). */
export function allOf(form: FormData, key: string): string[] {
  return form.getAll(key).filter((v): v is string => typeof v === 'string');
}

/** Active items in the admin's order, for a select or checkboxes; plus any already chosen that have since been retired. */
function activeOptions(items: { id: string; name: string; status: string; order: number }[], chosen: string | string[] = []) {
  const keep = new Set([chosen].flat());
  return items
    .filter((i) => i.status === 'active' || keep.has(i.id))
    .sort((a, b) => a.order - b.order)
    .map((i) => ({ value: i.id, label: i.status === 'active' ? i.name : `${i.name} (retired)` }));
}

/** Active hub networks; plus the one a panel (or the networks a consultation) already uses if retired. */
export const networkOptions = (config: TenantConfig, current?: string | string[]) => activeOptions(config.hubNetwork, current);

/** The partnership's active priorities; plus any a consultation already has that were retired. */
export const priorityOptions = (config: TenantConfig, chosen?: string[]) => activeOptions(config.priority, chosen);

/** The active hubs of one network, in the admin's order. */
export function hubOptions(config: TenantConfig, networkId: string) {
  return config.hub
    .filter((h) => h.networkId === networkId && h.status === 'active')
    .sort((a, b) => a.order - b.order)
    .map((h) => ({ value: h.id, label: h.name }));
}

/** Active hubs grouped by their (active) network, in the admin's order, for a select with groups. */
export function hubGroups(config: TenantConfig) {
  return config.hubNetwork
    .filter((n) => n.status === 'active')
    .sort((a, b) => a.order - b.order)
    .map((n) => ({ label: n.name, options: hubOptions(config, n.id) }))
    .filter((g) => g.options.length);
}

export function networkName(config: TenantConfig, networkId: string): string {
  return config.hubNetwork.find((n) => n.id === networkId)?.name ?? networkId;
}

export function hubName(config: TenantConfig, hubId: string | undefined): string {
  if (!hubId) return '';
  return config.hub.find((h) => h.id === hubId)?.name ?? hubId;
}

/** "Six months ago" as the API's notInvolvedSince filter wants it (a whole day, so links are stable). */
export function sixMonthsAgo(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, now.getUTCDate())).toISOString();
}

/** "Tuesday 3 March 2026" from "2026-03-03". */
export const meetingDay = (iso: string): string => dayWithWeekday(iso);

/** A moment → "3 Mar 2026", the day it was in England. */
export const dayOf = (isoDateTime: string): string => dayText(isoDateTime, 'short');

/** "Mar 2026" from "2026-03". */
export const monthOf = (month: string): string => monthText(month);

/** Today as the API counts days (UTC), as YYYY-MM-DD: meetings before it are past. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

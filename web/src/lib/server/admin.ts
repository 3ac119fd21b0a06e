import { error, fail, redirect } from '@sveltejs/kit';
import { kindFromSegment, kindLabels, type ConfigItem, type ConfigKind, type TenantConfig } from '@pv/shared/config.schema';
import { api, ApiError } from './api';
import { requireArea, signInUrl } from './guard';

/** What every admin load and action starts with: an admin of one partnership and an API as them. */
export function adminContext(locals: App.Locals, url: URL) {
  const caller = requireArea(locals, url, 'admin');
  return { caller, tenantId: caller.tenantId, client: api(locals.session) };
}

/** The kind named by the URL segment ("priorities" → priority), or 404. */
export function kindOf(segment: string): ConfigKind {
  const kind = Object.hasOwn(kindFromSegment, segment) ? kindFromSegment[segment] : undefined;
  if (!kind) error(404, { message: 'Page not found' });
  return kind;
}

export function labelsFor(kind: ConfigKind) {
  return kindLabels[kind];
}

/** Items of a kind, in the order the admin set. */
export function itemsOf<K extends ConfigKind>(config: TenantConfig, kind: K): ConfigItem<K>[] {
  return [...(config[kind] as ConfigItem<K>[])].sort((a, b) => a.order - b.order);
}

export function findItem(config: TenantConfig, kind: ConfigKind, id: string): ConfigItem {
  const item = (config[kind] as ConfigItem[]).find((i) => i.id === id);
  if (!item) error(404, { message: `There is no ${kindLabels[kind].one} at this address. It may have been deleted.` });
  return item;
}

/** Ids the API accepts in a path (tenants.params.ts itemParams). */
export const itemIdPattern = /^[a-z0-9-]{1,130}$/;

/** The item id from the URL, or 404 for one the API could never have made. */
export function itemIdOf(id: string): string {
  if (!itemIdPattern.test(id)) error(404, { message: 'Page not found' });
  return id;
}

/**
 * An API problem from a small list action (move, retire, restore, delete) → a message on the page.
 * A stale version is told in words a person can act on; signing in again and permission go the usual way.
 */
export function listActionFailure(e: unknown, url: URL, id: string) {
  if (!(e instanceof ApiError)) throw e;
  if (e.status === 401) redirect(303, signInUrl(url, 'POST'));
  if (e.status === 403) error(403, { message: e.problem.title });
  const message =
    e.status === 409 && e.current !== undefined
      ? 'Someone else changed this while you were looking at it. Check the list below, then try again.'
      : e.status === 404
        ? 'This item no longer exists. Someone else may have deleted it.'
        : e.problem.title;
  return fail(e.status, { actionError: { id, message } });
}

/** Idempotency keys for create forms: made when the form is shown, so a double submit creates one item. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

export const idempotencyKeyPattern = /^[A-Za-z0-9_-]{8,80}$/;

/** The idempotency key a create form sent back, or a new one when it is missing or not one of ours. */
export function sentIdempotencyKey(form: FormData): string {
  const sent = form.get('idempotencyKey');
  return typeof sent === 'string' && idempotencyKeyPattern.test(sent) ? sent : newIdempotencyKey();
}

/**
 * An API problem from a configuration form → the form again, with the person's input and the
 * API's field errors on the right fields (or its title in the error summary).
 */
export function formFailure<T extends Record<string, unknown>>(
  e: unknown,
  url: URL,
  toPage: (errors: Record<string, string>) => Record<string, string>,
  keep: T,
) {
  if (!(e instanceof ApiError)) throw e;
  if (e.status === 401) redirect(303, signInUrl(url, 'POST'));
  if (e.status === 403) error(403, { message: e.problem.title });
  const errors = Object.keys(e.errors).length ? toPage(e.errors) : { _: e.problem.title };
  return fail(e.status, { ...keep, errors });
}

/**
 * An API problem from a create form, as formFailure; except the form's key used before with other
 * input (the same form sent again after changes): `alreadyUsed` says what to check, and a fresh key
 * lets the person send it once more on purpose.
 */
export function createFailure<T extends Record<string, unknown>>(
  e: unknown,
  url: URL,
  toPage: (errors: Record<string, string>) => Record<string, string>,
  keep: T & { idempotencyKey: string },
  alreadyUsed: string,
) {
  if (e instanceof ApiError && e.problem.code === 'idempotency-key-reused') {
    return fail(422, { ...keep, errors: { _: alreadyUsed } as Record<string, string>, idempotencyKey: newIdempotencyKey() });
  }
  return formFailure(e, url, toPage, keep);
}

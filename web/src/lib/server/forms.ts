import { error, fail, redirect, type ActionFailure, type Cookies } from '@sveltejs/kit';
import type * as z from 'zod';
import type { FieldErrors } from '@pv/shared/errors';
import { toFieldErrors, version as versionSchema } from '@pv/shared/validation';
import { errorsByField, type FormErrors, type FormValues } from '$lib/form-errors';
import { ApiError } from './api';
import { signInUrl } from './guard';
import { clearMemberSession } from './member-session';

/**
 * The one way a form action works, for staff and parents alike: read → call → fail or redirect.
 *
 *   const form = await request.formData();
 *   const saved = await createOnce(form, readPanelForm(form), (input, key) => client.createPanel(tenantId, input, key), {
 *     url, alreadyUsed: 'This form was already used to add a panel. …',
 *   });
 *   if (!saved.ok) return saved.failure;
 *   redirect(303, `/officer/panels/${saved.value.id}`);
 *
 * A failure always carries `{ values, errors }` (plus the form's idempotency key for a create), so a
 * page shows the person's input again with an error summary and a message by each field, JS on or off.
 */

// ---------------------------------------------------------------------------------------------
// Reading

/** One text field from a form ('' when missing). */
export function formText(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === 'string' ? value : '';
}

/** Every value of a repeated field (checkboxes). */
export function formList(form: FormData, key: string): string[] {
  return form.getAll(key).filter((v): v is string => typeof v === 'string');
}

/** Every field the page shows, kept as sent so the form can show it again: text fields, and lists for `many`. */
export function valuesOf(form: FormData, text: readonly string[], many: readonly string[] = []): FormValues {
  const values: FormValues = {};
  for (const key of text) values[key] = formText(form, key);
  for (const key of many) values[key] = formList(form, key);
  return values;
}

/** What reading a form gives: the values to show again, and either the checked input or the errors. */
export type FormRead<I> = { values: FormValues; input: I; errors?: undefined } | { values: FormValues; input?: undefined; errors: FormErrors };

/**
 * Checks a candidate (the values, or the values reshaped for the API) with the shared zod schema.
 * Errors are keyed by the field on the page (the first message of "childAgeBands.0" → "childAgeBands");
 * `checks` are errors the page found itself (a date in three boxes), and win over the schema's.
 */
export function readWith<S extends z.ZodType>(schema: S, candidate: unknown, values: FormValues, checks: FormErrors = {}): FormRead<z.output<S>> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success && !Object.keys(checks).length) return { values, input: parsed.data };
  return { values, errors: { ...(parsed.success ? {} : errorsByField(toFieldErrors(parsed.error))), ...checks } };
}

/**
 * An edit form's read with the version it was on (a hidden field): the API refuses a stale one with
 * the item as stored now (see `onConflict`). Send `{ version: formText(form, 'version') }` back in `keep`.
 */
export function versioned<I>(form: FormData, read: FormRead<I>): FormRead<I & { version: number }> {
  const version = versionSchema.safeParse(formText(form, 'version'));
  if (version.success && !read.errors) return { values: read.values, input: { ...read.input, version: version.data } };
  return { values: read.values, errors: { ...read.errors, ...(version.success ? {} : { version: version.error.issues[0]!.message }) } };
}

// ---------------------------------------------------------------------------------------------
// Idempotency keys: made when a create form is shown, so a double submit creates one item

export const idempotencyKeyPattern = /^[A-Za-z0-9_-]{8,80}$/;

export function newIdempotencyKey(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/** The key a create form sent back, or a new one when it is missing or not one of ours. */
export function sentIdempotencyKey(form: FormData): string {
  const sent = form.get('idempotencyKey');
  return typeof sent === 'string' && idempotencyKeyPattern.test(sent) ? sent : newIdempotencyKey();
}

// ---------------------------------------------------------------------------------------------
// Calling the API

/** What every refused form sends back to its page. */
export interface FormFailure {
  values: FormValues;
  errors: FormErrors;
  /** A create form's key: the same one (so a retry is still one create), or a fresh one after "already used". */
  idempotencyKey?: string;
}

export type Saved<T, C = never, K extends object = object> = { ok: true; value: T } | { ok: false; failure: ActionFailure<FormFailure & K> | C };

export interface SaveOptions<C = never, K extends object = object> {
  url: URL;
  /** A parent's form (their tenant and cookies): an ended member session goes to "get a link". Staff: 401 → sign in. */
  member?: { cookies: Cookies; tenantId: string };
  /** The API's field paths → the page's fields. By default the first message of each top-level field. */
  toPage?: (errors: FieldErrors) => FormErrors;
  /** A 409 with the item as it is stored now (a stale version): the page's own answer, e.g. "their version". */
  onConflict?: (current: unknown, values: FormValues) => C | Promise<C>;
  /** More to send back with a failure (e.g. the version the form was on). */
  keep?: K;
}

/**
 * An API problem → the form again with the person's input. Signing in again and permission go the
 * usual way; field errors land by their fields, anything else (a 404, a rule broken) in the summary.
 */
export async function refusal<C = never, K extends object = object>(
  e: unknown,
  values: FormValues,
  options: SaveOptions<C, K>,
  idempotencyKey?: string,
): Promise<ActionFailure<FormFailure & K> | C> {
  if (!(e instanceof ApiError)) throw e;
  if (e.status === 401) {
    if (!options.member) redirect(303, signInUrl(options.url, 'POST'));
    clearMemberSession(options.member.cookies, options.member.tenantId);
    redirect(303, `/${options.member.tenantId}/membership/sign-in?ended=1`);
  }
  if (e.status === 403) error(403, { message: e.problem.title });
  if (e.status === 409 && e.current !== undefined && options.onConflict) return options.onConflict(e.current, values);
  const errors = Object.keys(e.errors).length ? (options.toPage ?? errorsByField)(e.errors) : { _: e.problem.title };
  return fail(e.status, { ...(options.keep as K), values, errors, ...(idempotencyKey ? { idempotencyKey } : {}) });
}

/** Saves a checked form (an edit, a reply, a setting): the form's errors, the API's refusal, or what it returned. */
export async function save<I, T, C = never, K extends object = object>(
  read: FormRead<I>,
  call: (input: I) => Promise<T>,
  options: SaveOptions<C, K>,
): Promise<Saved<T, C, K>> {
  if (read.errors) return { ok: false, failure: fail(400, { ...(options.keep as K), values: read.values, errors: read.errors }) };
  try {
    return { ok: true, value: await call(read.input) };
  } catch (e) {
    return { ok: false, failure: await refusal(e, read.values, options) };
  }
}

/**
 * Creates once: as save, with the form's idempotency key sent to the API and back with any failure.
 * The key used before with other input (the same form sent again after changes): `alreadyUsed` says
 * what to check, and a fresh key lets the person send it once more on purpose.
 */
export async function createOnce<I, T, K extends object = object>(
  form: FormData,
  read: FormRead<I>,
  call: (input: I, idempotencyKey: string) => Promise<T>,
  options: SaveOptions<never, K> & { alreadyUsed: string },
): Promise<Saved<T, never, K>> {
  const idempotencyKey = sentIdempotencyKey(form);
  const keep = options.keep as K;
  if (read.errors) return { ok: false, failure: fail(400, { ...keep, values: read.values, errors: read.errors, idempotencyKey }) };
  try {
    return { ok: true, value: await call(read.input, idempotencyKey) };
  } catch (e) {
    if (e instanceof ApiError && e.problem.code === 'idempotency-key-reused') {
      return { ok: false, failure: fail(422, { ...keep, values: read.values, errors: { _: options.alreadyUsed }, idempotencyKey: newIdempotencyKey() }) };
    }
    return { ok: false, failure: await refusal(e, read.values, options, idempotencyKey) };
  }
}

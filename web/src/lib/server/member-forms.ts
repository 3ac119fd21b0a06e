import { fail, type ActionFailure, type Cookies } from '@sveltejs/kit';
import type * as z from 'zod';
import { toFieldErrors } from '@pv/shared/validation';
import type { FormErrors, FormValues } from '$lib/form-errors';
import type { MemberSessionGrant } from '@pv/shared/panel.schema';
import { ApiError } from './api';
import { formText, save } from './forms';
import { onMemberError, requireMember, setMemberSession } from './member-session';

/**
 * Parent-facing forms: read what was sent (every field kept, to show it again), check it with the
 * shared zod schema, and turn an API problem into messages next to the fields.
 */
export function readValues(form: FormData, text: readonly string[], many: readonly string[] = []): FormValues {
  const values: FormValues = {};
  for (const key of text) {
    const v = form.get(key);
    values[key] = typeof v === 'string' ? v : '';
  }
  for (const key of many) values[key] = form.getAll(key).filter((v): v is string => typeof v === 'string');
  return values;
}

export function check<S extends z.ZodType>(schema: S, values: FormValues): { input: z.output<S> } | { errors: FormErrors } {
  const parsed = schema.safeParse(values);
  return parsed.success ? { input: parsed.data } : { errors: toFieldErrors(parsed.error) };
}

/** An API problem → the form again with the person's input; an ended member session → "get a link". */
export function apiFailure<T extends Record<string, unknown>>(e: unknown, keep: T, member?: { cookies: Cookies; url: URL; tenantId: string }) {
  if (member) {
    try {
      onMemberError(e, member.cookies, member.url, member.tenantId);
    } catch (thrown) {
      if (thrown !== e) throw thrown;
    }
  }
  if (!(e instanceof ApiError) || e.status >= 500) throw e;
  const errors: FormErrors = Object.keys(e.errors).length ? { ...e.errors } : { _: e.problem.title };
  return fail(e.status, { ...keep, errors });
}

/** Runs a member API call; an ended session (401) sends the person to "get a link", cookie gone. */
export async function asMember<T>(
  event: { cookies: Cookies; url: URL; params: { tenant: string } },
  call: (client: ReturnType<typeof requireMember>) => Promise<T>,
): Promise<T> {
  const client = requireMember(event.cookies, event.params.tenant);
  try {
    return await call(client);
  } catch (e) {
    onMemberError(e, event.cookies, event.url, event.params.tenant);
  }
}

export function memberOf(event: { cookies: Cookies; url: URL; params: { tenant: string } }) {
  return { cookies: event.cookies, url: event.url, tenantId: event.params.tenant };
}

/**
 * A parent's signed-in action with nothing to fill in (leave, erase): done, or the page again with the
 * API's message; an ended session goes to "get a link".
 */
export function memberAction<T>(event: { cookies: Cookies; url: URL; params: { tenant: string } }, call: (client: ReturnType<typeof requireMember>) => Promise<T>) {
  return save({ values: {}, input: {} }, () => asMember(event, call), { url: event.url, member: memberOf(event) });
}

const linkTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The token of an emailed link, from its address ('' for one that cannot be ours). */
export function linkTokenOf(url: URL): string {
  const token = url.searchParams.get('token') ?? '';
  return linkTokenPattern.test(token) ? token : '';
}

/**
 * Uses an emailed link's token, sent by the button on its page (GET never uses it: mail scanners open
 * links, and would use it up): done, or the page says "This link does not work".
 */
export async function followLink<T>(
  request: Request,
  use: (token: string) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; failure: ActionFailure<{ linkProblem: true }> }> {
  const token = formText(await request.formData(), 'token');
  if (!linkTokenPattern.test(token)) return { ok: false, failure: fail(400, { linkProblem: true }) };
  try {
    return { ok: true, value: await use(token) };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { ok: false, failure: fail(e.status, { linkProblem: true }) };
    throw e;
  }
}

/** Follows a link that signs a member in (confirming, or a link to their membership). */
export async function signInByLink(
  { request, params, cookies }: { request: Request; params: { tenant: string }; cookies: Cookies },
  use: (tenantId: string, token: string) => Promise<MemberSessionGrant>,
) {
  const followed = await followLink(request, (token) => use(params.tenant, token));
  if (followed.ok) setMemberSession(cookies, params.tenant, followed.value.session, followed.value.expiresAt);
  return followed;
}

import type { Cookies } from '@sveltejs/kit';
import { homeFor, type Caller } from '@pv/shared/auth.schema';
import { ApiError, request } from './api';
import { hostCookie, siteWide } from './cookies';

/**
 * Staff sessions (issue 14 §2). The API keeps the session and its Cognito tokens; the browser holds
 * only a random session id, in one `__Host-` cookie (HttpOnly, Secure, SameSite=Lax). On each
 * request this server asks the API whether the session is still alive and gets the current ID token
 * for its own calls to the API — the token never reaches the browser, so signing out, the idle limit
 * (the partnership's setting, 30 minutes unless changed) and the 12-hour limit end everything.
 */
export interface Session {
  caller: Caller;
  /** Server side only: the bearer token for the API. */
  idToken: string;
  /** When the ID token expires, in seconds since the epoch. */
  expiresAt: number;
}

export const SESSION_COOKIE = hostCookie('pv_session');
/** The cookie lasts no longer than the session's absolute limit; the API ends it sooner when idle. */
const COOKIE_SECONDS = 12 * 60 * 60;
/** The cookies before sessions were kept server-side: a browser still holding one loses it. */
const OLD_COOKIES = ['pv_id', 'pv_refresh', '__Host-pv_id', '__Host-pv_refresh'];

function forgetOldCookies(cookies: Cookies): void {
  for (const name of OLD_COOKIES) {
    if (cookies.get(name) !== undefined) cookies.delete(name, name.startsWith('__Host-') ? siteWide() : { path: '/' });
  }
}

function sessionId(cookies: Cookies): string | undefined {
  const id = cookies.get(SESSION_COOKIE);
  return id && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
}

interface CurrentSession {
  caller: Caller;
  idToken: string;
  idTokenExpiresAt: number;
}

/** The live session behind the cookie, or null (and the cookie gone) when it has ended. */
export async function readSession(cookies: Cookies): Promise<Session | null> {
  forgetOldCookies(cookies);
  const id = sessionId(cookies);
  if (!id) {
    if (cookies.get(SESSION_COOKIE) !== undefined) cookies.delete(SESSION_COOKIE, siteWide());
    return null;
  }
  try {
    const current = await request<CurrentSession>('/staff/session', { staffSession: id });
    return { caller: current.caller, idToken: current.idToken, expiresAt: current.idTokenExpiresAt };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      cookies.delete(SESSION_COOKIE, siteWide());
      return null;
    }
    throw error;
  }
}

export type SignInResult =
  | { ok: true; session: Session }
  | { ok: false; reason: 'credentials' | 'not-staff' | 'new-password' }
  /** Locked for now: `says` is the API's words, with when to try again. */
  | { ok: false; reason: 'too-many'; says: string };

export async function signIn(cookies: Cookies, email: string, password: string): Promise<SignInResult> {
  let started: { session: string; caller: Caller };
  try {
    started = await request<{ session: string; caller: Caller }>('/staff/sessions', { method: 'POST', body: { email, password } });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.problem.code === 'wrong-credentials' || error.status === 400) return { ok: false, reason: 'credentials' };
    if (error.problem.code === 'not-staff') return { ok: false, reason: 'not-staff' };
    if (error.problem.code === 'new-password') return { ok: false, reason: 'new-password' };
    if (error.status === 429) return { ok: false, reason: 'too-many', says: error.problem.title };
    throw error;
  }
  cookies.set(SESSION_COOKIE, started.session, siteWide(COOKIE_SECONDS));
  const session = await readSession(cookies);
  if (!session) return { ok: false, reason: 'credentials' };
  return { ok: true, session };
}

/** Ends the session at the API (deleted, tokens revoked) and clears the cookie. */
export async function signOut(cookies: Cookies): Promise<void> {
  const id = sessionId(cookies);
  cookies.delete(SESSION_COOKIE, siteWide());
  if (id) await request('/staff/session', { method: 'DELETE', staffSession: id });
}

/** Where a member of staff lands after signing in: admin before officer before partner. */
export function staffHome(caller: Caller): string | undefined {
  for (const role of ['admin', 'officer', 'partner'] as const) if (caller.roles.includes(role)) return homeFor[role];
  return undefined;
}

import { redirect, type Cookies } from '@sveltejs/kit';
import { memberApi, ApiError } from './api';

/**
 * A panel member's session: opened by a single-use link from their email (the API keeps only a hash
 * of it), held in one httpOnly cookie scoped to their partnership's pages, sent to the API as the
 * x-member-session header. No account, no password.
 */
export const MEMBER_COOKIE = 'pv_member';

function options(url: URL, tenantId: string, maxAge: number) {
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  return { path: `/${tenantId}`, httpOnly: true, sameSite: 'lax' as const, secure: !local, maxAge };
}

export function setMemberSession(cookies: Cookies, url: URL, tenantId: string, token: string, expiresAt: number): void {
  cookies.set(MEMBER_COOKIE, token, options(url, tenantId, Math.max(60, expiresAt - Math.floor(Date.now() / 1000))));
}

export function clearMemberSession(cookies: Cookies, url: URL, tenantId: string): void {
  cookies.delete(MEMBER_COOKIE, { path: `/${tenantId}` });
  void url;
}

export function memberToken(cookies: Cookies): string | undefined {
  const token = cookies.get(MEMBER_COOKIE);
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

/** The member API for this request, or a redirect to "get a link" when there is no session. */
export function requireMember(cookies: Cookies, tenantId: string) {
  const token = memberToken(cookies);
  if (!token) redirect(303, `/${tenantId}/membership/sign-in`);
  return memberApi(tenantId, token);
}

/** An expired or erased session: back to "get a link", with the cookie gone. */
export function onMemberError(error: unknown, cookies: Cookies, url: URL, tenantId: string): never {
  if (error instanceof ApiError && error.status === 401) {
    clearMemberSession(cookies, url, tenantId);
    redirect(303, `/${tenantId}/membership/sign-in?ended=1`);
  }
  throw error;
}

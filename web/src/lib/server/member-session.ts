import { redirect, type Cookies } from '@sveltejs/kit';
import { memberApi, ApiError } from './api';
import { hostCookie, siteWide } from './cookies';

/**
 * A panel member's session: opened by a single-use link from their email (the API keeps only a hash
 * of it), held in one httpOnly `__Host-` cookie per partnership (the prefix needs Path=/, so the
 * partnership is in the name: a parent on two partnerships' panels has two sessions that never mix),
 * sent to the API as the x-member-session header. No account, no password.
 */
export const memberCookie = (tenantId: string) => hostCookie(`pv_member_${tenantId}`);

export function setMemberSession(cookies: Cookies, tenantId: string, token: string, expiresAt: number): void {
  cookies.set(memberCookie(tenantId), token, siteWide(Math.max(60, expiresAt - Math.floor(Date.now() / 1000))));
}

export function clearMemberSession(cookies: Cookies, tenantId: string): void {
  cookies.delete(memberCookie(tenantId), siteWide());
  // The cookie's name before it carried the prefix, kept to the partnership's pages.
  if (cookies.get('pv_member') !== undefined) cookies.delete('pv_member', { path: `/${tenantId}` });
}

export function memberToken(cookies: Cookies, tenantId: string): string | undefined {
  const token = cookies.get(memberCookie(tenantId));
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

/** The member API for this request, or a redirect to "get a link" when there is no session. */
export function requireMember(cookies: Cookies, tenantId: string) {
  const token = memberToken(cookies, tenantId);
  if (!token) redirect(303, `/${tenantId}/membership/sign-in`);
  return memberApi(tenantId, token);
}

/** An expired or erased session: back to "get a link", with the cookie gone. */
export function onMemberError(error: unknown, cookies: Cookies, url: URL, tenantId: string): never {
  if (error instanceof ApiError && error.status === 401) {
    clearMemberSession(cookies, tenantId);
    redirect(303, `/${tenantId}/membership/sign-in?ended=1`);
  }
  throw error;
}

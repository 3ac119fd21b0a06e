/**
 * Every cookie Parent Voice sets, named with the prefix browsers enforce (issue 14 §5):
 * - `__Host-` for site-wide cookies (staff and member sessions): the browser accepts it only with
 *   Secure, Path=/ and no Domain, so no other host or path (a subdomain, a page on plain http) can
 *   set or overwrite it;
 * - `__Secure-` for path-scoped ones (survey progress, officers' previews): the browser accepts it
 *   only with Secure.
 * Every one is HttpOnly and Secure. Browsers count http://localhost as a secure origin, so the same
 * cookies work on a developer's machine and in the tests, with no "local" exception.
 */
export const hostCookie = (name: string) => `__Host-${name}`;
export const secureCookie = (name: string) => `__Secure-${name}`;

export interface CookieOptions {
  path: string;
  httpOnly: true;
  secure: true;
  sameSite: 'lax' | 'strict';
  maxAge?: number;
}

/** For a `__Host-` cookie: the whole site. */
export function siteWide(maxAge?: number): CookieOptions {
  return { path: '/', httpOnly: true, secure: true, sameSite: 'lax', ...(maxAge === undefined ? {} : { maxAge }) };
}

/** For a `__Secure-` cookie kept to one part of the site. */
export function underPath(path: string, maxAge?: number, sameSite: 'lax' | 'strict' = 'lax'): CookieOptions {
  return { path, httpOnly: true, secure: true, sameSite, ...(maxAge === undefined ? {} : { maxAge }) };
}

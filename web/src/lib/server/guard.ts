import { error, redirect } from '@sveltejs/kit';
import type { Caller, Role } from '@pv/shared/auth.schema';

/** Who may use each staff area. The API checks every call again; this decides what pages show. */
export const areaRoles = {
  admin: ['admin'],
  officer: ['officer', 'admin'],
  partner: ['partner', 'officer', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof areaRoles;

export function areaOf(pathname: string): Area | undefined {
  const first = pathname.split('/')[1];
  return first && first in areaRoles ? (first as Area) : undefined;
}

export function mayUse(caller: Caller, area: Area): boolean {
  return caller.roles.some((role) => (areaRoles[area] as readonly Role[]).includes(role));
}

/** Sign in, then come back here. A form post comes back to its page, not to the action. */
export function signInUrl(url: URL, method = 'GET'): string {
  return `/sign-in?returnTo=${encodeURIComponent(method === 'GET' ? url.pathname + url.search : url.pathname)}`;
}

const whoMay: Record<Area, string> = {
  admin: 'This part of Parent Voice is only for partnership admins.',
  officer: 'This part of Parent Voice is only for engagement officers and admins.',
  partner: 'This part of Parent Voice is only for partnership staff.',
};

/** For loads and actions: the caller, or a redirect to sign in, or 403. */
export function requireArea(locals: { session: { caller: Caller } | null }, url: URL, area: Area): Caller {
  const caller = locals.session?.caller;
  if (!caller) redirect(303, signInUrl(url));
  if (!mayUse(caller, area)) error(403, { message: whoMay[area] });
  return caller;
}

/** Any origin will do for reading a path: only the result's origin is compared with it. */
const HERE = 'https://parent-voice.invalid';

/**
 * Where to go after signing in: only a path on this site, never another site. The value is read the
 * way a browser will read it when it follows the redirect (the WHATWG URL parser drops tabs and
 * newlines, trims spaces and control characters, and reads `\` as `/`), so `/\t/evil.example`,
 * `\\evil.example` or `/.//evil.example` can't turn into `//evil.example`. What comes back is the
 * parsed, percent-encoded path, never the raw text, so it can't put a newline into a header either.
 * Anything else (or an area the caller may not use) gives undefined: the caller's home.
 */
export function safeReturnTo(value: string | null, caller: Caller): string | undefined {
  if (!value || value.length > 2000) return undefined;
  // What a browser keeps of it: no tabs or newlines, no leading or trailing spaces or control characters.
  const kept = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  // A path, not a scheme ("https:evil.example") or a relative word.
  if (!kept.startsWith('/')) return undefined;
  let url: URL;
  try {
    url = new URL(value, HERE);
  } catch {
    return undefined;
  }
  if (url.origin !== HERE || url.username || url.password) return undefined;
  const path = url.pathname + url.search + url.hash;
  // A path the browser would read as another host once it is in a Location header.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return undefined;
  if (path === '/sign-in' || path.startsWith('/sign-in?') || path.startsWith('/sign-out')) return undefined;
  const area = areaOf(url.pathname);
  if (area && !mayUse(caller, area)) return undefined;
  return path;
}

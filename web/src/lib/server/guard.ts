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
export function requireArea(locals: App.Locals, url: URL, area: Area): Caller {
  const caller = locals.session?.caller;
  if (!caller) redirect(303, signInUrl(url));
  if (!mayUse(caller, area)) error(403, { message: whoMay[area] });
  return caller;
}

/** Only a path on this site, never another site ("//evil.example") or a scheme. */
export function safeReturnTo(value: string | null, caller: Caller): string | undefined {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  const area = areaOf(value);
  if (area && !mayUse(caller, area)) return undefined;
  return value;
}

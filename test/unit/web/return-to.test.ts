import { describe, expect, it } from 'vitest';
import type { Caller } from '@pv/shared/auth.schema';
import { safeReturnTo } from '../../../web/src/lib/server/guard.ts';

/**
 * Issue 14 §3: `returnTo` after sign-in must never send anyone to another site, and never put odd
 * characters into a Location header. Each hostile value is checked twice: the function refuses it
 * (or gives back a same-site path), and the browser reading what it gives back stays on this site.
 */
const officer: Caller = { sub: 'u1', email: 'officer@notts.example', tenantId: 'notts', roles: ['officer'] };
const site = 'https://parentvoice.example.org';

const hostile = [
  '//evil.example',
  '//evil.example/officer',
  '///evil.example',
  '////evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\t/localhost:9999/phish', // the value, %2F%09%2F… decoded
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '\u0000//evil.example',
  '/\u0009\u000a/evil.example',
  '/.//evil.example',
  '/./\\evil.example',
  '/%2e//evil.example',
  'https://evil.example',
  'https:evil.example',
  'http://evil.example/officer',
  'HTTPS://evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//user:pass@evil.example',
  'https://parentvoice.example.org@evil.example',
  '//evil.example%2F@parentvoice.example.org',
  '/\uff0f/evil.example', // a full-width solidus: stays a path on this site, or is refused
  '/admin', // the officer may not use the admin area
  '/admin/../admin/settings',
  '/officer/../admin',
  '/sign-in?returnTo=//evil.example',
  '/sign-out',
  '/' + 'a'.repeat(5000),
];

describe('safeReturnTo: hostile values', () => {
  it.each(hostile)('never leaves the site: %j', (value) => {
    const result = safeReturnTo(value, officer);
    if (result === undefined) return;
    // Whatever comes back is a plain path that a browser following the redirect reads on this site.
    expect(result).toMatch(/^\/(?![/\\])/);
    expect(result).not.toMatch(/[\u0000-\u001f\u007f\s\\]/);
    expect(new URL(result, site).origin).toBe(site);
    expect(result.startsWith('/admin')).toBe(false);
  });

  it('refuses each one that would point elsewhere outright (the officer goes to their home)', () => {
    const allowed = hostile.filter((value) => safeReturnTo(value, officer) !== undefined);
    // Only the full-width solidus survives, as a harmless encoded path on this site.
    expect(allowed).toEqual(['/\uff0f/evil.example']);
    expect(safeReturnTo('/\uff0f/evil.example', officer)).toBe('/%EF%BC%8F/evil.example');
    expect(hostile.length).toBeGreaterThanOrEqual(30);
  });

  it('gives back the parsed path, so a newline or tab inside a path can never reach a header', () => {
    expect(safeReturnTo('/officer/themes\n?x=1', officer)).toBe('/officer/themes?x=1');
    expect(safeReturnTo('/officer/the\tmes', officer)).toBe('/officer/themes');
    expect(safeReturnTo('/officer?q=a b', officer)).toBe('/officer?q=a%20b');
  });
});

describe('safeReturnTo: ordinary values', () => {
  it.each([
    ['/officer', '/officer'],
    ['/officer/consultations/c1?tab=conversations', '/officer/consultations/c1?tab=conversations'],
    ['/partner/themes#top', '/partner/themes#top'],
    ['/notts/you-said-we-did', '/notts/you-said-we-did'],
    ['/officer/./themes', '/officer/themes'],
  ])('%s → %s', (value, expected) => {
    expect(safeReturnTo(value, officer)).toBe(expected);
  });

  it('lets an admin go to the admin area', () => {
    expect(safeReturnTo('/admin/settings', { ...officer, roles: ['admin'] })).toBe('/admin/settings');
  });

  it('treats nothing as nothing', () => {
    expect(safeReturnTo(null, officer)).toBeUndefined();
    expect(safeReturnTo('', officer)).toBeUndefined();
  });
});

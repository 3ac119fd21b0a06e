import { describe, expect, it } from 'vitest';
import { signClientAddress, verifyClientAddress } from '@pv/shared/client-address';
import { waitText } from '../../../functions/src/limits/limits.service.ts';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const NOW = Date.UTC(2026, 11, 5, 9, 0, 0);

describe('the signed client address (issue 14 §4)', () => {
  it('gives back the address the web server signed, IPv4 and IPv6 alike', () => {
    for (const address of ['203.0.113.7', '2001:db8::1', '127.0.0.1']) {
      expect(verifyClientAddress(signClientAddress(address, SECRET, NOW), SECRET, NOW + 1_000)).toBe(address);
    }
  });

  it('refuses what a client could make up, change or replay', () => {
    const good = signClientAddress('203.0.113.7', SECRET, NOW);
    const [v, at, encoded, mac] = good.split('.') as [string, string, string, string];
    const other = Buffer.from('198.51.100.1').toString('base64url');
    const refused = [
      '203.0.113.7',
      '',
      `${v}.${at}.${other}.${mac}`, // another address under the same signature
      `${v}.${Number(at) + 1}.${encoded}.${mac}`, // a fresher time under the same signature
      signClientAddress('203.0.113.7', `${SECRET}x`, NOW), // another secret
      `v2.${at}.${encoded}.${mac}`,
      `${good} `,
      `${good}.${mac}`,
    ];
    for (const value of refused) expect(verifyClientAddress(value, SECRET, NOW), value).toBeUndefined();
    // Stale after a minute; not from the future beyond a little clock skew; never without a secret.
    expect(verifyClientAddress(good, SECRET, NOW + 60_001)).toBeUndefined();
    expect(verifyClientAddress(good, SECRET, NOW - 5_001)).toBeUndefined();
    expect(verifyClientAddress(good, '', NOW)).toBeUndefined();
  });
});

describe('when to try again, in words', () => {
  it.each([
    [1, 'in 1 minute'],
    [60, 'in 1 minute'],
    [61, 'in 2 minutes'],
    [900, 'in 15 minutes'],
    [5400, 'in 90 minutes'],
    [7200, 'in about 2 hours'],
    [86_400, 'in about 24 hours'],
  ])('%i seconds → "%s"', (seconds, words) => expect(waitText(seconds)).toBe(words));
});

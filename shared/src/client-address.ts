import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The browser's network address, as the web server saw it, signed so the API can trust it.
 * The web server (which reads the address from what the browser cannot forge: in AWS
 * `x-pv-viewer-address`, which CloudFront's viewer-request function sets from the connection; locally the socket) sends `x-pv-client: v1.<ms>.<address
 * base64url>.<HMAC-SHA256 hex>`; the API accepts it only with a valid signature made in the last
 * minute, so nobody can choose their own identity for rate limits or replay one for long.
 * Server-only: uses node:crypto.
 */
export const CLIENT_HEADER = 'x-pv-client';
/** How long a signed address stays usable: long enough for one request, too short to reuse. */
export const CLIENT_SIGNATURE_MAX_AGE_MS = 60_000;

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('hex');

export function signClientAddress(address: string, secret: string, now = Date.now()): string {
  const payload = `v1.${now}.${Buffer.from(address, 'utf8').toString('base64url')}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The address inside a validly signed, fresh header value; undefined for anything else. */
export function verifyClientAddress(value: string, secret: string, now = Date.now()): string | undefined {
  if (!secret || value.length > 300) return undefined;
  const match = /^(v1\.(\d{13})\.([A-Za-z0-9_-]{1,120}))\.([0-9a-f]{64})$/.exec(value);
  if (!match) return undefined;
  const [, payload, at, encoded, signature] = match as unknown as [string, string, string, string, string];
  const expected = Buffer.from(mac(secret, payload), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return undefined;
  const age = now - Number(at);
  // A little allowance for clocks of the web and API Lambdas differing.
  if (age > CLIENT_SIGNATURE_MAX_AGE_MS || age < -5_000) return undefined;
  const address = Buffer.from(encoded, 'base64url').toString('utf8');
  return address.length > 0 && address.length <= 64 ? address : undefined;
}

import { env } from '$env/dynamic/private';

/**
 * What the web server reads from its environment, checked when first used so a missing value is
 * named in plain words instead of failing somewhere deep inside a request.
 * Locally functions/src/local/start.ts sets these; in AWS the web stack does.
 */
export interface WebEnv {
  apiUrl: string;
  origin: string | undefined;
  /** HMAC secret for signing the browser's address to the API (x-pv-client); the API holds the same. */
  clientSecret: string | undefined;
}

let cached: WebEnv | undefined;

/**
 * Staff sign-in goes through the API (staff sessions, issue 14 §2): the web no longer talks to
 * Cognito or verifies tokens, so it needs no Cognito settings.
 */
export function webEnv(): WebEnv {
  if (cached) return cached;
  if (!env.API_URL) throw new Error('The Parent Voice web server is missing environment variables: API_URL');
  cached = {
    apiUrl: env.API_URL.replace(/\/+$/, ''),
    origin: env.ORIGIN || undefined,
    clientSecret: env.PV_CLIENT_SECRET || undefined,
  };
  return cached;
}

import { env } from '$env/dynamic/private';

/**
 * What the web server reads from its environment, checked when first used so a missing value is
 * named in plain words instead of failing somewhere deep inside a request.
 * Locally functions/src/local/start.ts sets these; in AWS the web stack does.
 */
export interface WebEnv {
  apiUrl: string;
  cognitoClientId: string;
  cognitoRegion: string;
  /** Set only locally, where cognito-local stands in for Cognito. */
  cognitoEndpoint: string | undefined;
  /** Issuer of the ID tokens: `${endpoint}/${poolId}` locally, https://cognito-idp.<region>.amazonaws.com/<poolId> in AWS. */
  cognitoIssuer: string;
  jwksUrl: string;
  origin: string | undefined;
  /** HMAC secret for signing the browser's address to the API (x-pv-client); the API holds the same. */
  clientSecret: string | undefined;
}

let cached: WebEnv | undefined;

function issuerFrom(): string | undefined {
  if (env.COGNITO_ISSUER) return env.COGNITO_ISSUER.replace(/\/+$/, '');
  if (!env.COGNITO_USER_POOL_ID) return undefined;
  const region = env.COGNITO_REGION ?? 'eu-west-2';
  const base = env.COGNITO_ENDPOINT?.replace(/\/+$/, '') ?? `https://cognito-idp.${region}.amazonaws.com`;
  return `${base}/${env.COGNITO_USER_POOL_ID}`;
}

export function webEnv(): WebEnv {
  if (cached) return cached;
  const missing: string[] = [];
  if (!env.API_URL) missing.push('API_URL');
  if (!env.COGNITO_CLIENT_ID) missing.push('COGNITO_CLIENT_ID');
  const issuer = issuerFrom();
  if (!issuer) missing.push('COGNITO_ISSUER (or COGNITO_USER_POOL_ID)');
  if (missing.length) throw new Error(`The Parent Voice web server is missing environment variables: ${missing.join(', ')}`);
  cached = {
    apiUrl: env.API_URL!.replace(/\/+$/, ''),
    cognitoClientId: env.COGNITO_CLIENT_ID!,
    cognitoRegion: env.COGNITO_REGION ?? 'eu-west-2',
    cognitoEndpoint: env.COGNITO_ENDPOINT || undefined,
    cognitoIssuer: issuer!,
    jwksUrl: env.COGNITO_JWKS_URL ?? `${issuer}/.well-known/jwks.json`,
    origin: env.ORIGIN || undefined,
    clientSecret: env.PV_CLIENT_SECRET || undefined,
  };
  return cached;
}

import type { Cookies } from '@sveltejs/kit';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RevokeTokenCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { homeFor, roles, type Caller, type Role } from '@pv/shared/auth.schema';
import { webEnv } from './env';
import { hostCookie, siteWide } from './cookies';

/**
 * Staff sessions. Sign-in is Cognito's USER_PASSWORD_AUTH (cognito-local on a developer's machine);
 * the session is two httpOnly cookies — the ID token (sent to the API as the bearer token) and the
 * refresh token — so no token ever reaches JavaScript in the browser.
 */
export interface Session {
  caller: Caller;
  /** Server side only: the bearer token for the API. */
  idToken: string;
  /** When the ID token expires, in seconds since the epoch. */
  expiresAt: number;
}

export const ID_COOKIE = hostCookie('pv_id');
export const REFRESH_COOKIE = hostCookie('pv_refresh');
/** A working day: after this, sign in again even if Cognito would still refresh. */
const SESSION_SECONDS = 12 * 60 * 60;
/** Refresh a little before expiry, so a token never runs out between this server and the API. */
const EARLY_REFRESH_MS = 60_000;

let client: CognitoIdentityProviderClient | undefined;
function cognito(): CognitoIdentityProviderClient {
  const { cognitoEndpoint, cognitoRegion } = webEnv();
  client ??= new CognitoIdentityProviderClient({
    region: cognitoRegion,
    ...(cognitoEndpoint
      ? // cognito-local ignores credentials but the SDK wants some to sign with.
        { endpoint: cognitoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return client;
}

let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
function keySet() {
  jwks ??= createRemoteJWKSet(new URL(webEnv().jwksUrl), { cacheMaxAge: 60 * 60 * 1000, cooldownDuration: 30_000 });
  return jwks;
}

async function verifyIdToken(token: string): Promise<JWTPayload> {
  const { cognitoIssuer, cognitoClientId } = webEnv();
  const { payload } = await jwtVerify(token, keySet(), {
    issuer: cognitoIssuer,
    audience: cognitoClientId,
    algorithms: ['RS256'],
    currentDate: new Date(Date.now() + EARLY_REFRESH_MS),
  });
  if (payload.token_use !== 'id') throw new Error('not an ID token');
  return payload;
}

function callerFrom(claims: JWTPayload): Caller | null {
  const groups = claims['cognito:groups'];
  const tenantId = claims['custom:tenant'];
  if (typeof claims.sub !== 'string' || typeof tenantId !== 'string' || !tenantId) return null;
  return {
    sub: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : '',
    tenantId,
    roles: (Array.isArray(groups) ? groups.map(String) : []).filter((g): g is Role => (roles as readonly string[]).includes(g)),
  };
}

function sessionFrom(idToken: string, claims: JWTPayload): Session | null {
  const caller = callerFrom(claims);
  return caller ? { caller, idToken, expiresAt: claims.exp ?? 0 } : null;
}

/** The cookies' names before they carried the `__Host-` prefix: a browser still holding one loses it. */
const OLD_COOKIES = ['pv_id', 'pv_refresh'];
function forgetOldCookies(cookies: Cookies): void {
  for (const name of OLD_COOKIES) if (cookies.get(name) !== undefined) cookies.delete(name, { path: '/' });
}

function clearSession(cookies: Cookies): void {
  cookies.delete(ID_COOKIE, siteWide());
  cookies.delete(REFRESH_COOKIE, siteWide());
}

async function refresh(refreshToken: string): Promise<string> {
  const out = await cognito().send(
    new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: webEnv().cognitoClientId,
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
  const idToken = out.AuthenticationResult?.IdToken;
  if (!idToken) throw new Error('Cognito did not return an ID token');
  return idToken;
}

/** Reads, verifies and (when the ID token is nearly out of date) refreshes the session. */
export async function readSession(cookies: Cookies): Promise<Session | null> {
  forgetOldCookies(cookies);
  const idToken = cookies.get(ID_COOKIE);
  const refreshToken = cookies.get(REFRESH_COOKIE);
  if (!idToken && !refreshToken) return null;
  if (idToken) {
    try {
      return sessionFrom(idToken, await verifyIdToken(idToken));
    } catch (error) {
      if (!(error instanceof joseErrors.JWTExpired) || !refreshToken) {
        clearSession(cookies);
        return null;
      }
    }
  }
  try {
    const fresh = await refresh(refreshToken!);
    const session = sessionFrom(fresh, await verifyIdToken(fresh));
    if (!session) throw new Error('no caller in the refreshed token');
    cookies.set(ID_COOKIE, fresh, siteWide(SESSION_SECONDS));
    return session;
  } catch {
    clearSession(cookies);
    return null;
  }
}

export type SignInResult =
  | { ok: true; session: Session }
  | { ok: false; reason: 'credentials' | 'not-staff' | 'new-password' | 'too-many' };

/** Names of the Cognito (and cognito-local) errors that all mean "wrong email or password". */
const wrongCredentials = new Set(['NotAuthorizedException', 'UserNotFoundException', 'InvalidPasswordException', 'InvalidParameterException']);

export async function signIn(cookies: Cookies, email: string, password: string): Promise<SignInResult> {
  let result: AuthenticationResultType | undefined;
  try {
    const out = await cognito().send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: webEnv().cognitoClientId,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    if (out.ChallengeName === 'NEW_PASSWORD_REQUIRED') return { ok: false, reason: 'new-password' };
    result = out.AuthenticationResult;
  } catch (error) {
    const name = (error as Error).name;
    if (wrongCredentials.has(name) || name === 'UserNotConfirmedException') return { ok: false, reason: 'credentials' };
    if (name === 'PasswordResetRequiredException') return { ok: false, reason: 'new-password' };
    if (name === 'TooManyRequestsException' || name === 'LimitExceededException') return { ok: false, reason: 'too-many' };
    throw error;
  }
  if (!result?.IdToken || !result.RefreshToken) return { ok: false, reason: 'credentials' };
  const session = sessionFrom(result.IdToken, await verifyIdToken(result.IdToken));
  if (!session || !staffHome(session.caller)) return { ok: false, reason: 'not-staff' };
  cookies.set(ID_COOKIE, result.IdToken, siteWide(SESSION_SECONDS));
  cookies.set(REFRESH_COOKIE, result.RefreshToken, siteWide(SESSION_SECONDS));
  return { ok: true, session };
}

/** Clears the cookies now; revoking the refresh token at Cognito is best effort. */
export async function signOut(cookies: Cookies): Promise<void> {
  const refreshToken = cookies.get(REFRESH_COOKIE);
  clearSession(cookies);
  if (!refreshToken) return;
  try {
    await cognito().send(new RevokeTokenCommand({ Token: refreshToken, ClientId: webEnv().cognitoClientId }));
  } catch {
    // cognito-local does not implement RevokeToken; the cookies are gone either way.
  }
}

/** Where a member of staff lands after signing in: admin before officer before partner. */
export function staffHome(caller: Caller): string | undefined {
  for (const role of ['admin', 'officer', 'partner'] as const) if (caller.roles.includes(role)) return homeFor[role];
  return undefined;
}

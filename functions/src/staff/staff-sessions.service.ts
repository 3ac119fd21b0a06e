import { randomBytes } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Caller } from '@pv/shared/auth.schema';
import { DomainError } from '@pv/shared/errors';
import { clearSignInFailures, recordSignInFailure, refuseLockedSignIn } from '../limits/limits.service.ts';
import { callerFromClaims, verifyIdToken } from '../platform/auth.ts';
import { config } from '../platform/config.ts';
import { logger } from '../platform/logger.ts';
import { getTenant } from '../tenants/tenants.repository.ts';
import * as repo from './staff-sessions.repository.ts';

/**
 * Staff sessions that end (issue 14 §2). Signing in asks Cognito (cognito-local on a developer's
 * machine) and keeps the tokens here; the web gets a random session id for its `__Host-` cookie and,
 * on each page, the current ID token to call the API with — server to server, never to the browser.
 * A session ends at sign-out (deleted, refresh token revoked), after the partnership's idle time
 * (30 minutes unless an admin changes it, 15–120) or 12 hours after signing in, whichever is first.
 */
export const SESSION_HEADER = 'x-staff-session';
export const ABSOLUTE_SECONDS = 12 * 60 * 60;
export const DEFAULT_IDLE_MINUTES = 30;
/** Refresh the ID token when it has less than this left, so it never runs out between web and API. */
const EARLY_REFRESH_SECONDS = 60;
/** Write "last seen" at most this often: a page with many requests costs one write, not many. */
const TOUCH_EVERY_SECONDS = 60;

let client: CognitoIdentityProviderClient | undefined;
function cognito(): CognitoIdentityProviderClient {
  const { COGNITO_ENDPOINT, AWS_REGION } = config();
  client ??= new CognitoIdentityProviderClient({
    region: AWS_REGION,
    ...(COGNITO_ENDPOINT ? { endpoint: COGNITO_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return client;
}

const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

/** Names of the Cognito (and cognito-local) errors that all mean "wrong email or password". */
const wrongCredentials = new Set(['NotAuthorizedException', 'UserNotFoundException', 'InvalidPasswordException', 'InvalidParameterException', 'UserNotConfirmedException']);
const WRONG = 'Enter a correct email address and password';

async function tokensFor(email: string, password: string): Promise<AuthenticationResultType> {
  try {
    const out = await cognito().send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config().COGNITO_CLIENT_ID, AuthParameters: { USERNAME: email, PASSWORD: password } }),
    );
    if (out.ChallengeName === 'NEW_PASSWORD_REQUIRED') throw newPassword();
    if (!out.AuthenticationResult?.IdToken || !out.AuthenticationResult.RefreshToken || !out.AuthenticationResult.AccessToken) {
      throw new DomainError('unauthenticated', WRONG, { code: 'wrong-credentials' });
    }
    return out.AuthenticationResult;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const name = (error as Error).name;
    if (wrongCredentials.has(name)) throw new DomainError('unauthenticated', WRONG, { code: 'wrong-credentials' });
    if (name === 'PasswordResetRequiredException') throw newPassword();
    if (name === 'TooManyRequestsException' || name === 'LimitExceededException') {
      throw new DomainError('rate-limited', 'There have been too many attempts to sign in. Wait 15 minutes, then try again.');
    }
    throw error;
  }
}

function newPassword(): DomainError {
  return new DomainError('conflict', 'You need to set a new password before you can sign in. Ask your partnership’s admin to help you.', { code: 'new-password' });
}

async function callerOf(idToken: string): Promise<{ caller: Caller; exp: number }> {
  const claims = await verifyIdToken(idToken);
  return { caller: callerFromClaims(claims as Record<string, unknown>), exp: claims.exp ?? 0 };
}

/** Signs a member of staff in; the session id is for the web's cookie and nothing else. */
export async function startSession(email: string, password: string, now = new Date()): Promise<{ session: string; caller: Caller }> {
  await refuseLockedSignIn(email, now);
  let tokens: AuthenticationResultType;
  try {
    tokens = await tokensFor(email, password);
  } catch (error) {
    if (error instanceof DomainError && error.extra.code === 'wrong-credentials') await recordSignInFailure(email, now);
    throw error;
  }
  await clearSignInFailures(email);
  const { caller, exp } = await callerOf(tokens.IdToken!);
  if (!caller.roles.some((r) => r === 'admin' || r === 'officer' || r === 'partner')) {
    throw new DomainError('forbidden', 'This account cannot sign in here. Staff accounts are set up by your partnership’s admin.', { code: 'not-staff' });
  }
  const id = randomBytes(32).toString('base64url');
  const at = seconds(now);
  await repo.putSession(id, {
    sub: caller.sub,
    email: caller.email,
    tenantId: caller.tenantId,
    roles: caller.roles,
    idToken: tokens.IdToken!,
    accessToken: tokens.AccessToken!,
    refreshToken: tokens.RefreshToken!,
    idTokenExpiresAt: exp,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: at + ABSOLUTE_SECONDS,
  });
  return { session: id, caller };
}

export function sessionIdOf(event: APIGatewayProxyEventV2): string {
  const header = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === SESSION_HEADER)?.[1];
  if (!header || !/^[A-Za-z0-9_-]{43}$/.test(header)) throw ended();
  return header;
}

function ended(): DomainError {
  return new DomainError('unauthenticated', 'Your session has ended. Sign in again.');
}

export interface CurrentSession {
  caller: Caller;
  /** For the web server's calls to the API only. */
  idToken: string;
  idTokenExpiresAt: number;
  /** When the session ends if nothing more happens, seconds since the epoch. */
  endsAt: number;
}

/** The session behind an id, if it is still alive: its idle and absolute limits checked, its tokens kept fresh. */
export async function currentSession(id: string, now = new Date()): Promise<CurrentSession> {
  const session = await repo.getSession(id);
  if (!session) throw ended();
  const at = seconds(now);
  const tenant = await getTenant(session.tenantId);
  const idleSeconds = (tenant?.staffIdleMinutes ?? DEFAULT_IDLE_MINUTES) * 60;
  if (at >= session.createdAt + ABSOLUTE_SECONDS || at >= session.lastSeenAt + idleSeconds) {
    await endSession(id);
    throw ended();
  }
  let tokens: { idToken: string; accessToken: string; idTokenExpiresAt: number } | undefined;
  if (session.idTokenExpiresAt - at < EARLY_REFRESH_SECONDS) {
    try {
      const out = await cognito().send(
        new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: config().COGNITO_CLIENT_ID, AuthParameters: { REFRESH_TOKEN: session.refreshToken } }),
      );
      const idToken = out.AuthenticationResult?.IdToken;
      if (!idToken) throw new Error('no ID token');
      tokens = { idToken, accessToken: out.AuthenticationResult?.AccessToken ?? session.accessToken, idTokenExpiresAt: (await callerOf(idToken)).exp };
    } catch {
      // The refresh token was revoked or the account disabled: the session is over.
      await repo.deleteSession(id);
      throw ended();
    }
  }
  if (tokens || at - session.lastSeenAt >= TOUCH_EVERY_SECONDS) {
    if (!(await repo.touchSession(id, at, tokens))) throw ended();
  }
  const { caller } = { caller: { sub: session.sub, email: session.email, tenantId: session.tenantId, roles: session.roles } };
  return {
    caller,
    idToken: tokens?.idToken ?? session.idToken,
    idTokenExpiresAt: tokens?.idTokenExpiresAt ?? session.idTokenExpiresAt,
    endsAt: Math.min(session.createdAt + ABSOLUTE_SECONDS, at + idleSeconds),
  };
}

/** Signing out: the session goes, and Cognito is told to stop honouring its tokens. */
export async function endSession(id: string): Promise<void> {
  const session = await repo.deleteSession(id);
  if (!session) return;
  const results = await Promise.allSettled([
    cognito().send(new RevokeTokenCommand({ Token: session.refreshToken, ClientId: config().COGNITO_CLIENT_ID })),
    cognito().send(new GlobalSignOutCommand({ AccessToken: session.accessToken })),
  ]);
  // cognito-local implements neither; in AWS a failure here is worth knowing about. The deleted session is what ends it.
  const failed = results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as Error)?.name);
  if (failed.length && !config().COGNITO_ENDPOINT) logger.warn('could not revoke staff tokens at sign-out', { errors: failed.join(',') });
}

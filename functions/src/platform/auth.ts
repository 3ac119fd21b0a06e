import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { DomainError } from '@pv/shared/errors';
import { roles, type Caller, type Role } from '@pv/shared/auth.schema';
import { config } from './config.ts';

/**
 * Verifies a Cognito ID token against the pool's JWKS (fetched once and cached by jose) and reads
 * the caller from it. The same function backs the local API server's authoriser and the handler
 * middleware, so a token that works locally works the same way behind API Gateway.
 */
let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
let jwksFor = '';

function keySet() {
  const { COGNITO_ISSUER, COGNITO_JWKS_URL } = config();
  const url = COGNITO_JWKS_URL ?? `${COGNITO_ISSUER}/.well-known/jwks.json`;
  if (!jwks || jwksFor !== url) {
    jwks = createRemoteJWKSet(new URL(url), { cacheMaxAge: 60 * 60 * 1000, cooldownDuration: 30_000 });
    jwksFor = url;
  }
  return jwks;
}

export async function verifyIdToken(token: string): Promise<JWTPayload> {
  const { COGNITO_ISSUER, COGNITO_CLIENT_ID } = config();
  try {
    const { payload } = await jwtVerify(token, keySet(), {
      issuer: COGNITO_ISSUER,
      audience: COGNITO_CLIENT_ID,
      algorithms: ['RS256'],
    });
    if (payload.token_use !== 'id') throw new Error('not an ID token');
    return payload;
  } catch {
    throw new DomainError('unauthenticated', 'Your session has ended. Sign in again.');
  }
}

export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const rawGroups = claims['cognito:groups'];
  // API Gateway passes array claims as a string like "[admin officer]"; jose gives an array.
  const groups = Array.isArray(rawGroups)
    ? rawGroups.map(String)
    : typeof rawGroups === 'string'
      ? rawGroups.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean)
      : [];
  const tenantId = String(claims['custom:tenant'] ?? '');
  const sub = String(claims.sub ?? '');
  if (!sub || !tenantId) throw new DomainError('forbidden', 'Your account is not linked to a partnership.');
  return {
    sub,
    email: String(claims.email ?? ''),
    tenantId,
    roles: groups.filter((g): g is Role => (roles as readonly string[]).includes(g)),
  };
}

export function bearerToken(headers: Record<string, string | undefined>): string | undefined {
  const value = headers.authorization ?? headers.Authorization;
  const match = value?.match(/^Bearer\s+(.+)$/i);
  return match?.[1];
}

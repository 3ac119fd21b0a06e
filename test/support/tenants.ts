import { inject } from 'vitest';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Caller, Role } from '@pv/shared/auth.schema';
import { cognitoClient, ensureUser, type CognitoSetup } from '../../functions/src/local/cognito-local.ts';
import { demoTenants } from '../../functions/src/local/seed/demo-tenants.ts';
import { seedTenant } from '../../functions/src/local/seed/seed.ts';
import { newId } from '../../functions/src/platform/ids.ts';
import { signClientAddress } from '@pv/shared/client-address';

/** A fresh tenant per test, seeded like the Nottinghamshire demo, so tests never share data. */
export async function freshTenant(template: 'notts' | 'leics' = 'notts'): Promise<string> {
  const id = `t-${newId().toLowerCase()}`;
  await seedTenant(demoTenants.find((d) => d.id === template)!, id);
  return id;
}

function setup(): CognitoSetup {
  const env = inject('env');
  return { endpoint: env.cognitoEndpoint, userPoolId: env.userPoolId, clientId: env.clientId, issuer: '' };
}

export interface TestUser {
  caller: Caller;
  token: string;
}

/** A real cognito-local user in one tenant and role, signed in: a real ID token. */
export async function signedInUser(tenantId: string, role: Role): Promise<TestUser> {
  const email = `${role}-${newId().toLowerCase()}@test.example`;
  const password = 'Test-password-2026';
  await ensureUser(setup(), { email, password, tenantId, role, name: `Test ${role}` });
  const out = await cognitoClient(setup().endpoint).send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: setup().clientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
  );
  const token = out.AuthenticationResult!.IdToken!;
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string };
  return { caller: { sub: claims.sub, email, tenantId, roles: [role] }, token };
}

export function apiUrl(path: string): string {
  return `${inject('env').apiUrl}${path}`;
}

/** A made-up address in 198.18.0.0/15 (set aside for tests), signed as the web server would. */
export function someClient(): Record<string, string> {
  const part = () => Math.floor(Math.random() * 256);
  return { 'x-pv-client': signClientAddress(`198.${18 + (part() % 2)}.${part()}.${part()}`, process.env.PV_CLIENT_SECRET!) };
}

/**
 * Calls the API as one browser through the web would: each call from a different made-up address
 * unless the test names one (x-pv-client), so the per-connection limits only bite where a test means them to.
 */
export async function api(path: string, init: RequestInit & { token?: string; json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (!headers.has('x-pv-client') && !headers.has('x-no-client')) for (const [k, v] of Object.entries(someClient())) headers.set(k, v);
  headers.delete('x-no-client');
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(apiUrl(path), { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError, notFound } from '@pv/shared/errors';
import { config } from '../platform/config.ts';
import type { TransactItem } from '../platform/dynamodb.ts';
import * as repo from './member-access.repository.ts';
import type { LinkPurpose } from './member-access.repository.ts';

/**
 * How a member gets in without an account: a link in an email carries a random 256-bit token; the
 * table keeps only its hash. Using the link (a button press, so mail scanners that follow links
 * don't use it up) opens a session of a few hours. We chose this over Cognito accounts for
 * parents: no password to make or forget, nothing to set up before joining, and a person with one
 * email address and low digital confidence gets in with one tap. The cost — whoever holds the
 * mailbox holds the membership — is the same as a password reset by email.
 */

export const LINK_HOURS: Record<Exclude<LinkPurpose, 'survey' | 'unsubscribe'>, number> = { confirm: 7 * 24, 'sign-in': 24 };
export const SESSION_HOURS = 4;
export const SESSION_HEADER = 'x-member-session';

export interface IssuedLink {
  url: string;
  item: TransactItem;
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A single-use link for the email; `item` goes into the same transaction as the change that sends it. */
export function issueLink(tenantId: string, purpose: Exclude<LinkPurpose, 'survey' | 'unsubscribe'>, panelId: string, memberId: string, next = ''): IssuedLink {
  const token = newToken();
  const page = purpose === 'confirm' ? 'confirm' : 'link';
  const url = `${config().PUBLIC_WEB_URL}/${tenantId}/membership/${page}?token=${token}`;
  return {
    url,
    item: repo.tokenPut(tenantId, token, { purpose, panelId, memberId, next, expiresAt: nowSeconds() + LINK_HOURS[purpose] * 3600 }),
  };
}

/** The link at the foot of every "you said, we did" email: it stops those emails (and works more than once, for a year). */
export function issueUnsubscribeLink(tenantId: string, panelId: string, memberId: string): IssuedLink {
  const token = newToken();
  return {
    url: `${config().PUBLIC_WEB_URL}/${tenantId}/unsubscribe?token=${token}`,
    item: repo.tokenPut(tenantId, token, { purpose: 'unsubscribe', panelId, memberId, next: '', expiresAt: nowSeconds() + 365 * 24 * 3600 }),
  };
}

export interface OpenedSession {
  token: string;
  item: TransactItem;
  expiresAt: number;
}

export function openSession(tenantId: string, panelId: string, memberId: string): OpenedSession {
  const token = newToken();
  const expiresAt = nowSeconds() + SESSION_HOURS * 3600;
  return { token, expiresAt, item: repo.sessionPut(tenantId, token, { panelId, memberId, expiresAt, createdAt: new Date().toISOString() }) };
}

const linkProblem = () =>
  notFound('This link has been used already or has expired. Ask for a new link and we will email it to you.');

/** Reads a link without using it up; the caller's transaction includes `consume`. */
export async function readLink(tenantId: string, token: string, purpose: LinkPurpose) {
  const grant = await repo.getToken(tenantId, token);
  if (!grant || grant.purpose !== purpose || grant.expiresAt <= nowSeconds()) throw linkProblem();
  return { grant, consume: repo.tokenConsume(tenantId, token, nowSeconds()) };
}

export { linkProblem };

export interface MemberCaller {
  tenantId: string;
  panelId: string;
  memberId: string;
  sessionToken: string;
}

/** The member behind a request to a /me route, from the session header the web server sends. */
export async function requireMemberSession(event: APIGatewayProxyEventV2, tenantId: string): Promise<MemberCaller> {
  const header = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === SESSION_HEADER)?.[1];
  const token = header && /^[A-Za-z0-9_-]{43}$/.test(header) ? header : undefined;
  const session = token ? await repo.getSession(tenantId, token) : undefined;
  if (!token || !session || session.expiresAt <= nowSeconds()) {
    throw new DomainError('unauthenticated', 'Your sign-in has ended. Ask for a new link to see your membership.');
  }
  return { tenantId, panelId: session.panelId, memberId: session.memberId, sessionToken: token };
}

export async function endSession(tenantId: string, token: string): Promise<void> {
  await repo.deleteSession(tenantId, token);
}


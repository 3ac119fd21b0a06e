import { DomainError } from '@pv/shared/errors';
import { config } from '../platform/config.ts';
import type { TransactItem } from '../platform/dynamodb.ts';
import * as repo from './limits.repository.ts';

/**
 * Every limit on how often something may be done, in one place (issue 14 §4). Counted per subject in
 * fixed windows in DynamoDB: a client cannot switch a limit off, because the subject is what it
 * cannot choose — its network address as the web server saw it (signed, platform/client.ts), an
 * email address, a survey. Beyond a limit the API answers 429 with Retry-After (seconds to the end
 * of the window) and says in words when to try again.
 */
export const rules = {
  /** Emails to one address (joining, sign-in links, resume links), per partnership. */
  'emails-to-address': { perConnection: false, max: 5, windowSeconds: 3600, says: 'We have sent several emails to this address in the last hour. Check your inbox (and spam folder).' },
  /** Requests for those emails from one network address, per partnership. */
  'emails-from-client': { perConnection: true, max: 30, windowSeconds: 3600, says: 'There have been a lot of requests for emails from your internet connection in the last hour.' },
  /** Starting one survey from one network address. */
  'survey-start': { perConnection: true, max: 30, windowSeconds: 3600, says: 'Many people have started this survey from your internet connection in the last hour.' },
  /** Sending answers to one survey from one network address. */
  'survey-submit': { perConnection: true, max: 30, windowSeconds: 3600, says: 'Many answers to this survey have been sent from your internet connection in the last hour.' },
  /** Every POST, PUT or DELETE that needs no staff sign-in, from one network address (Consul's figure). */
  'public-post': { perConnection: true, max: 300, windowSeconds: 300, says: 'There have been a lot of requests from your internet connection in the last few minutes.' },
} as const;
export type RuleName = keyof typeof rules;

/** A rule's limit in this deployment: per-connection limits times PV_LIMIT_SCALE (1 unless set). */
export function maxOf(rule: RuleName): number {
  const { max, perConnection } = rules[rule];
  return perConnection ? max * config().PV_LIMIT_SCALE : max;
}

/** Staff sign-in: 5 failures for one account in 15 minutes lock it for 15 minutes, then 30, 60… up to a day. */
export const signInLimit = { failures: 5, windowSeconds: 900, firstLockSeconds: 900, longestLockSeconds: 86_400 } as const;

const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

/** "in 1 minute", "in 23 minutes", "in about 2 hours". */
export function waitText(retryAfter: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  if (minutes <= 90) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `in about ${Math.round(minutes / 60)} hours`;
}

export function limitReached(says: string, retryAfter: number): DomainError {
  return new DomainError('rate-limited', `${says} Try again ${waitText(retryAfter)}.`, { retryAfter });
}

export interface LimitHit {
  /** Counts this request in its window, in the caller's transaction; fails its condition beyond the limit. */
  item: TransactItem;
  /** The 429 to answer when `item`'s condition failed. */
  error: () => DomainError;
}

/** One request counted against `rule` for `subject`, to go in a transaction with the work it limits. */
export function limitHit(rule: RuleName, subject: string, now = new Date()): LimitHit {
  const { windowSeconds, says } = rules[rule];
  const max = maxOf(rule);
  const at = seconds(now);
  const windowStart = at - (at % windowSeconds);
  return {
    item: repo.windowUpdate(rule, subject, windowStart, windowSeconds, max),
    error: () => limitReached(says, Math.max(1, windowStart + windowSeconds - at)),
  };
}

/**
 * For transactWrite's `explain`, when the transaction starts with `hits`: the 429 of the first limit
 * reached, else what `otherwise` says about the other items (their indexes shifted back to 0).
 */
export function explainLimits(hits: LimitHit[], otherwise: (failed: number[]) => Error = () => new Error('transaction refused')) {
  return (failed: number[]): Error => {
    const hit = hits.find((_, i) => failed.includes(i));
    if (hit) return hit.error();
    return otherwise(failed.filter((i) => i >= hits.length).map((i) => i - hits.length));
  };
}

/** Counts one request on its own (not in a transaction); throws the 429 beyond the limit. */
export async function enforce(rule: RuleName, subject: string, now = new Date()): Promise<void> {
  const hit = limitHit(rule, subject, now);
  if (!(await repo.countAlone(hit.item))) throw hit.error();
}

const signInLocked = (retryAfter: number) =>
  limitReached('There have been too many attempts to sign in to this account.', retryAfter);

/** Before asking Cognito: a locked account is refused without checking the password at all. */
export async function refuseLockedSignIn(email: string, now = new Date()): Promise<void> {
  const state = await repo.getSignInFailures(email);
  const at = seconds(now);
  if (state && state.lockedUntil > at) throw signInLocked(state.lockedUntil - at);
}

/** A wrong password (or unknown account: counted the same, so the lock says nothing about who has one). */
export async function recordSignInFailure(email: string, now = new Date()): Promise<void> {
  const at = seconds(now);
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await repo.getSignInFailures(email);
    const state: repo.SignInFailures = before
      ? { ...before, version: before.version + 1 }
      : { failures: 0, windowStart: at, locks: 0, lockedUntil: 0, version: 1 };
    if (at - state.windowStart >= signInLimit.windowSeconds) {
      state.failures = 0;
      state.windowStart = at;
    }
    state.failures += 1;
    if (state.failures >= signInLimit.failures) {
      state.locks += 1;
      state.lockedUntil = at + Math.min(signInLimit.firstLockSeconds * 2 ** (state.locks - 1), signInLimit.longestLockSeconds);
      state.failures = 0;
      state.windowStart = state.lockedUntil;
    }
    // Locks are forgotten after a quiet day.
    const expiresAt = Math.max(state.lockedUntil, at + signInLimit.windowSeconds) + 86_400;
    if (await repo.putSignInFailures(email, state, before?.version ?? 0, expiresAt)) return;
  }
  throw new DomainError('rate-limited', 'There have been too many attempts to sign in to this account. Try again in 15 minutes.', { retryAfter: signInLimit.firstLockSeconds });
}

/** A successful sign-in starts the count again. */
export async function clearSignInFailures(email: string): Promise<void> {
  await repo.deleteSignInFailures(email);
}

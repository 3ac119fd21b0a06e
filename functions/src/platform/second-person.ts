import type { Caller } from '@pv/shared/auth.schema';
import { DomainError } from '@pv/shared/errors';

/**
 * The rule behind every approval (actions, quotes): a second person approves what one person wrote.
 * Refuses (403) when the caller is any of the people who wrote, changed or sent it.
 */
export function requireSecondPerson(caller: Caller, authors: (string | undefined)[], what: 'an action' | 'a quote'): void {
  if (authors.some((e) => !!e && e.toLowerCase() === caller.email.toLowerCase())) {
    throw new DomainError('forbidden', `A second person must approve ${what}: ask another officer or an admin.`);
  }
}

import { actionStatusLabels, type Action, type PublicAction } from '@pv/shared/action.schema';
import { DomainError } from '@pv/shared/errors';
import { issueUnsubscribeLink, readLink } from '../member-access/member-access.service.ts';
import { newOutboxMessage, outboxPut } from '../outbox/outbox.repository.ts';
import { getMember, memberAppend, stopLoopEmails, type StoredMember } from '../panels/panels.repository.ts';
import { config } from '../platform/config.ts';
import { transactWrite, type TransactItem } from '../platform/dynamodb.ts';
import { logger } from '../platform/logger.ts';
import { getConfig } from '../tenants/tenants.service.ts';
import * as repo from './actions.repository.ts';
import { contributorsOf } from './actions.service.ts';

/**
 * Closing the loop: when an action is published or its status changes, every panel member whose
 * comment is behind it (named answers and conversations only; anonymous people are never contacted)
 * gets an email with an unsubscribe link — at most one a day. A second change the same day waits in
 * their digest, which the daily job sends the next day with everything that changed.
 */

const today = () => new Date().toISOString().slice(0, 10);

function describe(a: PublicAction, tenantId: string): string {
  const url = `${config().PUBLIC_WEB_URL}/${tenantId}/you-said-we-did/${a.id}`;
  return `You said: ${a.youSaid}\nWe did: ${a.weDid}\nWhere it is now: ${actionStatusLabels[a.status]}\nRead more: ${url}`;
}

export function loopEmail(name: string, partnership: string, actions: PublicAction[], tenantId: string, unsubscribeUrl: string) {
  const one = actions.length === 1;
  return {
    template: one ? 'loop-action' : 'loop-digest',
    subject: one ? 'What happened after you told us' : `${actions.length} updates on what you told us`,
    text:
      `Hello ${name},\n\nYou gave us your views. Here is what has happened because of what you and other parents said.\n\n` +
      actions.map((a) => describe(a, tenantId)).join('\n\n') +
      `\n\nThank you for telling us.\n${partnership}\n\nWe send at most one of these emails a day. To stop them, open this link:\n${unsubscribeUrl}`,
  };
}

/** One email to one member: the outbox message, its unsubscribe link, today's marker (which fails if they had one today). */
function emailWrites(tenantId: string, member: StoredMember, partnership: string, actions: PublicAction[]): TransactItem[] {
  const unsubscribe = issueUnsubscribeLink(tenantId, member.panelId, member.id);
  const message = newOutboxMessage(tenantId, { to: member.email, ...loopEmail(member.name, partnership, actions, tenantId, unsubscribe.url) });
  return [repo.loopDayPut(tenantId, member.id, today()), outboxPut(message), unsubscribe.item, memberAppend(tenantId, member.panelId, member.id, 'outboxIds', message.id)];
}

const reachable = (m: StoredMember | undefined): m is StoredMember => Boolean(m && m.status === 'active' && m.email && m.loopEmails !== false);

/** Tells each contributor now, or adds the action to their digest when they had an email today. */
export async function tellContributors(tenantId: string, action: Action): Promise<{ emailed: number; queued: number }> {
  const published = action.published;
  if (!published) return { emailed: 0, queued: 0 };
  const [config, contributors] = await Promise.all([getConfig(tenantId), contributorsOf(tenantId, action)]);
  let emailed = 0;
  let queued = 0;
  for (const c of contributors) {
    const member = await getMember(tenantId, c.panelId, c.memberId);
    if (!reachable(member)) continue;
    try {
      await transactWrite(emailWrites(tenantId, member, config.tenant.name, [published]), () => new DomainError('conflict', 'already emailed today'));
      emailed++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await repo.addToDigest(tenantId, member.panelId, member.id, action.id);
      queued++;
    }
  }
  logger.info('closing the loop', { tenantId, emailed, queued });
  return { emailed, queued };
}

/**
 * The daily job: every member with changes waiting and no email yet today gets one digest. A digest
 * changed meanwhile (another action joined it) is left for the next run, so nothing is lost.
 * `tenantId` limits it to one partnership (tests, or re-running for one partnership).
 */
export async function sendLoopDigests(tenantId?: string): Promise<{ sent: number; waiting: number }> {
  let sent = 0;
  let waiting = 0;
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await repo.pendingDigests(cursor, tenantId);
    cursor = page.next;
    for (const d of page.items) {
      const member = await getMember(d.tenantId, d.panelId, d.memberId);
      if (!reachable(member)) {
        await transactWrite([repo.digestDelete(d.tenantId, d.memberId)], () => new Error('unreachable'));
        continue;
      }
      if (await repo.hadLoopEmail(d.tenantId, d.memberId, today())) {
        waiting++;
        continue;
      }
      const actions = (await Promise.all([...new Set(d.actionIds)].map((id) => repo.getPublicAction(d.tenantId, id)))).filter((a) => a !== undefined);
      const writes = [repo.digestDelete(d.tenantId, d.memberId, d.version)];
      if (actions.length) writes.push(...emailWrites(d.tenantId, member, (await getConfig(d.tenantId)).tenant.name, actions));
      try {
        await transactWrite(writes, () => new DomainError('conflict', 'changed'));
        if (actions.length) sent++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        waiting++;
      }
    }
  } while (cursor);
  return { sent, waiting };
}

/** The unsubscribe link: stops "you said, we did" emails for this membership (using it again is fine). */
export async function unsubscribe(tenantId: string, token: string): Promise<void> {
  const { grant } = await readLink(tenantId, token, 'unsubscribe');
  await stopLoopEmails(tenantId, grant.panelId, grant.memberId);
}

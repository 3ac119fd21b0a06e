import { DomainError } from '@pv/shared/errors';
import {
  profileWordingVersion,
  type ConsentRecord,
  type MemberDetailsInput,
  type MemberSessionGrant,
  type MyData,
  type MyMembership,
  type Panel,
  type ProfileAnswers,
  type ProfileInput,
} from '@pv/shared/panel.schema';
import { retentionWording, type AuditEntry } from '@pv/shared/config.schema';
import { auditEntry } from '../audit/audit-entry.ts';
import { auditPut } from '../audit/audit.repository.ts';
import { enforce, limitHit } from '../limits/limits.service.ts';
import { logger } from '../platform/logger.ts';
import { anonymiseInvitationItems, findMyMeetings, myInvitations } from '../meetings/meetings.service.ts';
import { issueLink, linkProblem, openSession, readLink, type MemberCaller } from '../member-access/member-access.service.ts';
import { digestDelete } from '../actions/actions.repository.ts';
import { actionsFromWhatTheySaid } from '../actions/actions.service.ts';
import { unlinkMemberItems } from '../surveys/member-links.ts';
import { newOutboxMessage, outboxDelete, outboxPut } from '../outbox/outbox.repository.ts';
import { transactWrite, type TransactItem } from '../platform/dynamodb.ts';
import { newId, nowIso } from '../platform/ids.ts';
import { consentPut, deleteProfilePartition, getProfile, listConsents, profileDelete, profilePut } from '../profiles/profiles.repository.ts';
import { recountItems } from '../representation/representation.service.ts';
import { getConfig } from '../tenants/tenants.service.ts';
import { signInLink } from './panel-emails.ts';
import { contactHash } from './panels.keys.ts';
import * as repo from './panels.repository.ts';
import type { StoredMember } from './panels.repository.ts';
import { activationItems, checkMemberReferences, contactOf, countSubject, PANEL_CONTACT_WORDING, requirePanel } from './panels.service.ts';

/**
 * A member's own view of their membership, through a link-opened session: confirm, see and change
 * details, the optional equality questions, download everything, leave, erase.
 */

const changedUnderneath = () => new DomainError('conflict', 'Your details changed in another window while you were editing. Check them and try again.');


/** The confirmation link: pending → member, counters, and a session so they can go straight on. */
export async function confirmMembership(tenantId: string, token: string): Promise<MemberSessionGrant> {
  const { grant, consume } = await readLink(tenantId, token, 'confirm');
  const [config, panel, member] = await Promise.all([
    getConfig(tenantId),
    requirePanel(tenantId, grant.panelId),
    repo.getMember(tenantId, grant.panelId, grant.memberId),
  ]);
  if (!member) throw linkProblem();
  const session = openSession(tenantId, panel.id, member.id);
  const items: TransactItem[] = [consume, session.item];
  if (member.status === 'pending') items.push(...(await activationItems(tenantId, config, panel, member, nowIso())).items);
  await transactWrite(items, (failed) => (failed.includes(0) ? linkProblem() : changedUnderneath()));
  return { session: session.token, expiresAt: session.expiresAt, next: member.status === 'pending' ? 'welcome' : '' };
}

/** Any single-use sign-in link (asked for, or in a meeting invitation). */
export async function useSignInLink(tenantId: string, token: string): Promise<MemberSessionGrant> {
  const { grant, consume } = await readLink(tenantId, token, 'sign-in');
  const member = await repo.getMember(tenantId, grant.panelId, grant.memberId);
  if (!member || member.status === 'left') throw linkProblem();
  const session = openSession(tenantId, grant.panelId, member.id);
  await transactWrite([consume, session.item], () => linkProblem());
  return { session: session.token, expiresAt: session.expiresAt, next: grant.next };
}

/**
 * "Email me a link": the same answer, status and work whether or not the address is on a panel, so
 * neither the page nor its timing says who is a member (issue 14 §4). The request is counted against
 * the asker's network address (429 for everyone alike beyond the limit) and written down; the
 * table's stream then looks the address up and emails any links (sendSignInLinks).
 */
export async function requestSignInLink(tenantId: string, email: string, client: string): Promise<void> {
  await getConfig(tenantId);
  await enforce('emails-from-client', `${tenantId}:${client}`);
  await repo.putSignInRequest(tenantId, newId(), email, nowIso());
}

/**
 * The work of a sign-in request, from the table's stream: a link by email for each panel the address
 * is on. Beyond the per-address email limit nothing is sent and nothing is said (a 429 here would
 * tell the asker the address is a member's). Stranger or member, the request item then goes.
 */
export async function sendSignInLinks(tenantId: string, requestId: string, email: string): Promise<void> {
  const config = await getConfig(tenantId);
  const memberships = await repo.membershipsByEmail(tenantId, email);
  for (const { panelId, memberId } of memberships) {
    const [panel, member] = await Promise.all([repo.getPanel(tenantId, panelId), repo.getMember(tenantId, panelId, memberId)]);
    if (!panel || !member || member.status === 'left' || member.email !== email) continue;
    const link = issueLink(tenantId, member.status === 'pending' ? 'confirm' : 'sign-in', panelId, memberId);
    const text = signInLink(member.name, panel.name, config.tenant.name, link.url);
    const message = newOutboxMessage(tenantId, { to: member.email, ...text });
    const emails = limitHit('emails-to-address', contactHash(tenantId, email));
    try {
      await transactWrite([emails.item, link.item, outboxPut(message), repo.memberAppend(tenantId, panelId, memberId, 'outboxIds', message.id)], () => emails.error());
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'rate-limited')) throw error;
      logger.info('sign-in link not sent: email limit reached', { tenantId, requestId });
      break;
    }
  }
  await repo.deleteSignInRequest(tenantId, requestId);
}

async function requireMember(me: MemberCaller): Promise<{ member: StoredMember; panel: Panel }> {
  const [member, panel] = await Promise.all([repo.getMember(me.tenantId, me.panelId, me.memberId), repo.getPanel(me.tenantId, me.panelId)]);
  if (!member || !panel) throw new DomainError('unauthenticated', 'We could not find your membership. It may have been erased.');
  return { member, panel };
}


function ownView(member: StoredMember): MyMembership['member'] {
  const { meetingIds: _m, outboxIds: _o, surveyItems: _s, assisted, ...rest } = member;
  return { ...rest, assisted: Boolean(assisted) };
}

export async function myMembership(me: MemberCaller): Promise<MyMembership> {
  const { member, panel } = await requireMember(me);
  const [config, profile, meetings] = await Promise.all([
    getConfig(me.tenantId),
    getProfile(me.tenantId, me.memberId),
    findMyMeetings(me.tenantId, panel.id, member.id, member.meetingIds ?? []),
  ]);
  const invitations = myInvitations(config, meetings);
  const network = config.hubNetwork.find((n) => n.id === panel.networkId);
  return {
    member: ownView(member),
    panel: { id: panel.id, name: panel.name, description: panel.description, networkId: panel.networkId, networkName: network?.name ?? '' },
    hasProfile: profile !== undefined,
    invitations,
    actions: await actionsFromWhatTheySaid(me.tenantId, member.surveyItems ?? []),
    loopEmails: member.loopEmails !== false,
  };
}

export async function updateMyDetails(me: MemberCaller, input: MemberDetailsInput): Promise<MyMembership['member']> {
  const { member, panel } = await requireMember(me);
  if (member.status === 'left') throw new DomainError('unprocessable', 'You have left this panel, so there are no details to change.');
  if (member.version !== input.version) {
    throw new DomainError('conflict', 'Your details changed in another window while you were editing. Here they are now; make your change again.', {
      current: ownView(member),
    });
  }
  const config = await getConfig(me.tenantId);
  checkMemberReferences(config, panel, input);
  const { version: _v, ...details } = input;
  const after: StoredMember = { ...member, ...details, version: member.version + 1, updatedAt: nowIso() };
  const items: TransactItem[] = [repo.memberPut(me.tenantId, after, member.version)];
  const contactChanged = contactOf(after) !== contactOf(member);
  if (contactChanged) {
    items.push(repo.contactClaimPut(me.tenantId, panel.id, contactOf(after), member.id), repo.contactClaimDelete(me.tenantId, panel.id, contactOf(member)));
  }
  if (after.hubId !== member.hubId) {
    items.push(...(await recountItems(me.tenantId, config, countSubject(panel, after), (await getProfile(me.tenantId, member.id))?.answers)));
  }
  await transactWrite(items, (failed) =>
    contactChanged && failed.includes(1)
      ? new DomainError('conflict', 'These contact details are already used by another member of this panel.', {
          errors: { email: 'Another member of this panel already uses these contact details' },
        })
      : changedUnderneath(),
  );
  return ownView(after);
}

// ---------------------------------------------------------------------------------------------
// Equality monitoring: only the person themselves ever sees their answers.

export async function myProfile(me: MemberCaller): Promise<{ answers?: ProfileAnswers; wordingVersion?: string; updatedAt?: string }> {
  await requireMember(me);
  const profile = await getProfile(me.tenantId, me.memberId);
  return profile ?? {};
}

export async function saveMyProfile(me: MemberCaller, input: ProfileInput): Promise<void> {
  const { member, panel } = await requireMember(me);
  if (member.status === 'left') throw new DomainError('unprocessable', 'You have left this panel.');
  const config = await getConfig(me.tenantId);
  const { consent: _consent, ...answers } = input;
  const now = nowIso();
  await transactWrite(
    [
      profilePut(me.tenantId, member.id, { answers, wordingVersion: profileWordingVersion, updatedAt: now }),
      consentPut(me.tenantId, member.id, { id: newId(), purpose: 'equality-monitoring', action: 'given', at: now, wordingVersion: profileWordingVersion, method: 'online' }),
      ...(await recountItems(me.tenantId, config, countSubject(panel, member), answers)),
    ],
    () => new DomainError('conflict', 'Your answers changed in another window at the same moment. Try again.'),
  );
}

/** Withdrawing consent removes the answers (and their place in the counts); the ledger keeps that it happened. */
export async function withdrawMyProfile(me: MemberCaller): Promise<void> {
  const { member, panel } = await requireMember(me);
  const config = await getConfig(me.tenantId);
  if (!(await getProfile(me.tenantId, member.id))) return;
  const now = nowIso();
  await transactWrite(
    [
      profileDelete(me.tenantId, member.id),
      consentPut(me.tenantId, member.id, { id: newId(), purpose: 'equality-monitoring', action: 'withdrawn', at: now, wordingVersion: profileWordingVersion, method: 'online' }),
      ...(await recountItems(me.tenantId, config, countSubject(panel, member), undefined)),
    ],
    () => new DomainError('conflict', 'Your answers changed in another window at the same moment. Try again.'),
  );
}

// ---------------------------------------------------------------------------------------------
// Download, leave, erase


export async function myData(me: MemberCaller): Promise<MyData> {
  const { member, panel } = await requireMember(me);
  const [config, profile, consents, meetings] = await Promise.all([
    getConfig(me.tenantId),
    getProfile(me.tenantId, member.id),
    listConsents(me.tenantId, member.id),
    findMyMeetings(me.tenantId, panel.id, member.id, member.meetingIds ?? []),
  ]);
  const invitations = myInvitations(config, meetings);
  return {
    exportedAt: nowIso(),
    partnership: { id: config.tenant.id, name: config.tenant.name },
    panel: { id: panel.id, name: panel.name },
    membership: ownView(member),
    equalityMonitoring: profile?.answers ?? null,
    consents,
    meetings: invitations,
    whatElse: `${retentionWording(config.tenant).sentMessages} Anything you said in surveys or at meetings is kept without your name.`,
  };
}

/**
 * Leaving: out of the counts, no more contact, and the equality answers go (they were only ever kept
 * to count members); contact details stay until the member erases them or the retention job does.
 */
export async function leavePanel(me: MemberCaller): Promise<void> {
  const { member, panel } = await requireMember(me);
  if (member.status === 'left') return;
  const [config, profile] = await Promise.all([getConfig(me.tenantId), getProfile(me.tenantId, member.id)]);
  const now = nowIso();
  const after: StoredMember = { ...member, status: 'left', leftAt: now, version: member.version + 1, updatedAt: now };
  const withdrawn = (purpose: ConsentRecord['purpose'], wordingVersion: string) =>
    consentPut(me.tenantId, member.id, { id: newId(), purpose, action: 'withdrawn', at: now, wordingVersion, method: 'online' });
  await transactWrite(
    [
      repo.memberPut(me.tenantId, after, member.version),
      withdrawn('panel-contact', PANEL_CONTACT_WORDING),
      ...(profile ? [profileDelete(me.tenantId, member.id), withdrawn('equality-monitoring', profileWordingVersion)] : []),
      // Free the claim, so they can join again one day.
      repo.contactClaimDelete(me.tenantId, panel.id, contactOf(member)),
      repo.panelCountUpdate(me.tenantId, panel.id, member.status === 'active' ? -1 : 0, member.status === 'pending' ? -1 : 0),
      ...(await recountItems(me.tenantId, config, countSubject(panel, after), undefined)),
    ],
    () => changedUnderneath(),
  );
}

/**
 * Erasure: counters first (in one transaction with deleting the member, so counts stay right), then
 * everything else that held their personal data: equality answers and consent ledger, the copies of
 * emails we sent, and their name on meeting invitations (attendance stays, as an anonymous count).
 */
export async function eraseMe(me: MemberCaller): Promise<void> {
  const { member, panel } = await requireMember(me);
  await eraseMember(
    me.tenantId,
    panel,
    member,
    auditEntry({ sub: `member:${member.id}`, email: '' }, { action: 'erase', kind: 'member', itemId: member.id, summary: `A member of ‘${panel.name}’ erased their personal data` }),
  );
}

/**
 * The erase path, shared by a member erasing themselves and the retention job (unconfirmed joins,
 * members who left long ago): the member goes in one transaction with their counters (for someone who
 * left, already zero) and, when given, an audit entry; then their profile partition, the copies of
 * emails we sent them, their name on invitations (attendance stays, as an anonymous count, with its
 * record key, so a recount agrees) and the links from survey items. Throws `conflict` when the member
 * changed since it was read (nothing is deleted then).
 */
export async function eraseMember(tenantId: string, panel: Panel, member: StoredMember, audit?: AuditEntry): Promise<void> {
  const cfg = await getConfig(tenantId);
  const gone: StoredMember = { ...member, status: 'left' };
  await transactWrite(
    [
      repo.memberDelete(tenantId, panel.id, member.id, member.version),
      ...(member.status !== 'left' ? [repo.contactClaimDelete(tenantId, panel.id, contactOf(member))] : []),
      repo.panelCountUpdate(tenantId, panel.id, member.status === 'active' ? -1 : 0, member.status === 'pending' ? -1 : 0),
      ...(await recountItems(tenantId, cfg, countSubject(panel, gone), undefined)),
      ...(audit ? [auditPut(tenantId, audit)] : []),
    ],
    () => changedUnderneath(),
  );
  await deleteProfilePartition(tenantId, member.id);
  const later = [
    ...(member.outboxIds ?? []).map((id) => outboxDelete(tenantId, id)),
    ...(await anonymiseInvitationItems(tenantId, member.id, member.meetingIds ?? [])),
    ...unlinkMemberItems(tenantId, member.surveyItems ?? []),
    // A "you said, we did" digest waiting for them is not sent.
    digestDelete(tenantId, member.id),
  ];
  for (let i = 0; i < later.length; i += 50) await writeLeavingOutGone(later.slice(i, i + 50));
}

/**
 * Writes a batch of erase steps; a step whose item is already gone (a survey response the retention
 * job deleted fails its `attribute_exists` condition) is left out and the rest written again.
 */
async function writeLeavingOutGone(items: TransactItem[]): Promise<void> {
  let left = items;
  for (let attempt = 0; left.length; attempt++) {
    let failed: number[] = [];
    try {
      await transactWrite(left, (f) => ((failed = f), new Error('erase step failed')));
      return;
    } catch (error) {
      if (!failed.length || attempt >= items.length) throw error;
      left = left.filter((_, i) => !failed.includes(i));
    }
  }
}

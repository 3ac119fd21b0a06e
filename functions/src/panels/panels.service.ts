import type { AuditEntry, PublicTenant, TenantConfig } from '@pv/shared/config.schema';
import type { Caller } from '@pv/shared/auth.schema';
import { DomainError, invalid, notFound } from '@pv/shared/errors';
import {
  postcodeDistrict,
  type AssistedMemberInput,
  type JoinInput,
  type Member,
  type MemberDetailsInput,
  type Panel,
  type PanelInput,
  type PublicPanel,
} from '@pv/shared/panel.schema';
import { csvFile } from '@pv/shared/csv';
import { toSlug } from '@pv/shared/validation';
import { auditEntry } from '../audit/audit-entry.ts';
import { auditPut } from '../audit/audit.repository.ts';
import { issueLink } from '../member-access/member-access.service.ts';
import { enforce, limitHit } from '../limits/limits.service.ts';
import { outboxPut, newOutboxMessage } from '../outbox/outbox.repository.ts';
import { transactWrite, type TransactItem } from '../platform/dynamodb.ts';
import { newId, nowIso } from '../platform/ids.ts';
import { consentPut } from '../profiles/profiles.repository.ts';
import { recountItems } from '../representation/representation.service.ts';
import { configRefUpdates } from '../tenants/tenants.repository.ts';
import { getConfig, getPublicTenant } from '../tenants/tenants.service.ts';
import { alreadyMember, confirmJoining, welcomeAssisted, type EmailText } from './panel-emails.ts';
import { contactHash } from './panels.keys.ts';
import * as repo from './panels.repository.ts';
import type { StoredMember } from './panels.repository.ts';

export const PANEL_CONTACT_WORDING = 'panel-contact-2026-11';

// ---------------------------------------------------------------------------------------------
// Panels (officers)

function audit(caller: Caller, action: AuditEntry['action'], kind: AuditEntry['kind'], itemId: string, summary: string, changes: AuditEntry['changes'] = {}): AuditEntry {
  return auditEntry(caller, { action, kind, itemId, changes, summary });
}

function requireActiveNetwork(config: TenantConfig, networkId: string) {
  const network = config.hubNetwork.find((n) => n.id === networkId && n.status === 'active');
  if (!network) throw invalid({ networkId: 'Choose a hub network from the list' });
  return network;
}

export async function requirePanel(tenantId: string, panelId: string): Promise<Panel> {
  const panel = await repo.getPanel(tenantId, panelId);
  if (!panel) throw notFound('There is no panel at this address.');
  return panel;
}

export async function listPanels(tenantId: string): Promise<Panel[]> {
  return repo.listPanels(tenantId);
}

export async function createPanel(caller: Caller, tenantId: string, input: PanelInput): Promise<Panel> {
  const config = await getConfig(tenantId);
  requireActiveNetwork(config, input.networkId);
  const id = toSlug(input.name) || newId().toLowerCase();
  const now = nowIso();
  const panel: Panel = { ...input, id, memberCount: 0, pendingCount: 0, version: 1, createdAt: now, updatedAt: now };
  await transactWrite(
    [
      repo.panelPut(tenantId, panel),
      ...configRefUpdates(tenantId, [{ kind: 'hubNetwork', id: input.networkId, by: 1 }]),
      auditPut(tenantId, audit(caller, 'create', 'panel', id, `Added panel ‘${panel.name}’`)),
    ],
    (failed) =>
      failed.includes(0)
        ? new DomainError('conflict', 'There is already a panel with this name. Choose a different name.', {
            errors: { name: 'There is already a panel with this name. Choose a different name.' },
          })
        : invalid({ networkId: 'Choose a hub network from the list' }),
  );
  return panel;
}

export async function updatePanel(caller: Caller, tenantId: string, panelId: string, expectedVersion: number, input: PanelInput): Promise<Panel> {
  const [config, before] = await Promise.all([getConfig(tenantId), requirePanel(tenantId, panelId)]);
  const conflict = () =>
    new DomainError('conflict', 'Someone else changed this panel while you were editing. Check their version and make your change again.', {
      current: before,
    });
  if (before.version !== expectedVersion) throw conflict();
  if (input.networkId !== before.networkId) {
    if (before.memberCount + before.pendingCount > 0) {
      throw invalid({ networkId: 'A panel with members cannot move to another hub network. Start a new panel instead.' });
    }
    requireActiveNetwork(config, input.networkId);
  }
  const after: Panel = { ...before, ...input, version: before.version + 1, updatedAt: nowIso() };
  const changes: AuditEntry['changes'] = {};
  for (const k of Object.keys(input) as (keyof PanelInput)[]) if (before[k] !== after[k]) changes[k] = [before[k], after[k]];
  await transactWrite(
    [
      repo.panelPut(tenantId, after, expectedVersion),
      ...(input.networkId !== before.networkId
        ? configRefUpdates(tenantId, [
            { kind: 'hubNetwork', id: input.networkId, by: 1 },
            { kind: 'hubNetwork', id: before.networkId, by: -1 },
          ])
        : []),
      auditPut(tenantId, audit(caller, 'update', 'panel', panelId, `Changed panel ‘${after.name}’`, changes)),
    ],
    (failed) => (failed.includes(0) ? conflict() : new DomainError('invalid', 'Choose a hub network from the list')),
  );
  return after;
}

// ---------------------------------------------------------------------------------------------
// The public list

export async function publicPanels(tenantId: string, postcode?: string): Promise<{ panels: PublicPanel[]; district?: string; matched: boolean }> {
  const [tenant, panels] = await Promise.all([getPublicTenant(tenantId), repo.listPanels(tenantId)]);
  const networks = new Map(tenant.hubNetworks.map((n) => [n.id, n]));
  const all = panels
    .filter((p) => p.status === 'active' && networks.has(p.networkId))
    .map((p): PublicPanel => {
      const n = networks.get(p.networkId)!;
      return { id: p.id, name: p.name, description: p.description, networkId: n.id, networkName: n.name, district: n.district, recruiting: p.recruiting };
    });
  if (postcode === undefined) return { panels: all, matched: true };
  const district = postcodeDistrict(postcode);
  if (!district) {
    throw invalid({ postcode: 'Enter a postcode, like NG18 2AB, or the first part of it, like NG18' }, 'There is a problem with the postcode');
  }
  const networkIds = tenant.hubNetworks.filter((n) => n.postcodeDistricts.split(' ').includes(district)).map((n) => n.id);
  const matching = all.filter((p) => networkIds.includes(p.networkId));
  return { panels: matching, district, matched: matching.length > 0 };
}

export async function publicPanel(tenantId: string, panelId: string): Promise<{ panel: PublicPanel; tenant: PublicTenant }> {
  const tenant = await getPublicTenant(tenantId);
  const panel = await repo.getPanel(tenantId, panelId);
  const network = panel ? tenant.hubNetworks.find((n) => n.id === panel.networkId) : undefined;
  if (!panel || panel.status !== 'active' || !network) throw notFound('There is no panel at this address.');
  return {
    tenant,
    panel: { id: panel.id, name: panel.name, description: panel.description, networkId: network.id, networkName: network.name, district: network.district, recruiting: panel.recruiting },
  };
}

// ---------------------------------------------------------------------------------------------
// Members: shared checks

function fieldProblem(field: string, message: string): DomainError {
  return invalid({ [field]: message });
}

/** Hub and topics must be real, active and (for the hub) in the panel's network. */
export function checkMemberReferences(config: TenantConfig, panel: Panel, input: { hubId?: string; topics: string[] }): void {
  if (input.hubId && !config.hub.some((h) => h.id === input.hubId && h.networkId === panel.networkId && h.status === 'active')) {
    throw fieldProblem('hubId', 'Choose a Family Hub from the list');
  }
  const priorities = new Set(config.priority.filter((p) => p.status === 'active').map((p) => p.id));
  if (input.topics.some((t) => !priorities.has(t))) throw fieldProblem('topics', 'Choose topics from the list');
}

export const contactOf = (m: { email: string; phone: string }) => m.email || m.phone;

function email(tenantId: string, member: { id: string; email: string }, text: EmailText) {
  return newOutboxMessage(tenantId, { to: member.email, subject: text.subject, text: text.text, template: text.template });
}

export function countSubject(panel: Panel, member: Member) {
  return { id: member.id, panelId: panel.id, networkId: panel.networkId, hubId: member.hubId, active: member.status === 'active' };
}

// ---------------------------------------------------------------------------------------------
// Joining (public)

export type JoinOutcome = 'check-email' | 'we-will-call';

/**
 * Joining: the member (pending), a claim on their email or phone for this panel, their consent to
 * be contacted, a confirmation link and its email — one transaction. If the claim is taken, the
 * person is already a member (or mid-joining): we email them a link instead, and answer exactly as
 * for a new joiner, so the form can't be used to find out who is on a panel.
 */
export async function join(tenantId: string, panelId: string, input: JoinInput, client: string): Promise<{ outcome: JoinOutcome }> {
  const [config, panel] = await Promise.all([getConfig(tenantId), requirePanel(tenantId, panelId)]);
  if (panel.status !== 'active' || !panel.recruiting) {
    throw new DomainError('unprocessable', 'This panel is not taking new members at the moment. Choose another panel, or ask your Family Hub.');
  }
  checkMemberReferences(config, panel, input);
  await enforce('emails-from-client', `${tenantId}:${client}`);
  const outcome: JoinOutcome = input.email ? 'check-email' : 'we-will-call';
  const now = nowIso();
  const { agreeToContact: _agreed, ...details } = input;
  const member: StoredMember = {
    ...details,
    id: newId(),
    panelId,
    status: 'pending',
    joinedAt: now,
    version: 1,
    updatedAt: now,
  };
  const emails = input.email ? limitHit('emails-to-address', contactHash(tenantId, input.email)) : undefined;
  const items: TransactItem[] = [
    repo.contactClaimPut(tenantId, panelId, contactOf(input), member.id),
    consentPut(tenantId, member.id, { id: newId(), purpose: 'panel-contact', action: 'given', at: now, wordingVersion: PANEL_CONTACT_WORDING, method: 'online' }),
    repo.panelCountUpdate(tenantId, panelId, 0, 1),
  ];
  if (input.email) {
    const link = issueLink(tenantId, 'confirm', panelId, member.id);
    const message = email(tenantId, member, confirmJoining(member.name, panel.name, config.tenant.name, link.url));
    member.outboxIds = [message.id];
    items.push(link.item, outboxPut(message), emails!.item);
  }
  items.push(repo.memberPut(tenantId, member));
  try {
    await transactWrite(items, (failed) => (failed.includes(0) ? new AlreadyClaimed() : emails ? emails.error() : new Error('join refused')));
  } catch (error) {
    if (!(error instanceof AlreadyClaimed)) throw error;
    await remindExistingMember(tenantId, config, panel, contactOf(input));
  }
  return { outcome };
}

class AlreadyClaimed extends Error {}


/** The kind answer to joining twice: a link to their membership (or to finish joining), by email. */
async function remindExistingMember(tenantId: string, config: TenantConfig, panel: Panel, contact: string): Promise<void> {
  const memberId = await repo.getContactClaim(tenantId, panel.id, contact);
  const member = memberId ? await repo.getMember(tenantId, panel.id, memberId) : undefined;
  if (!member || !member.email) return; // phone-only: the officer's call will sort it out
  const link = member.status === 'pending' ? issueLink(tenantId, 'confirm', panel.id, member.id) : issueLink(tenantId, 'sign-in', panel.id, member.id);
  const text =
    member.status === 'pending'
      ? confirmJoining(member.name, panel.name, config.tenant.name, link.url)
      : alreadyMember(member.name, panel.name, config.tenant.name, link.url);
  const emails = limitHit('emails-to-address', contactHash(tenantId, member.email));
  const message = email(tenantId, member, text);
  await transactWrite(
    [
      link.item,
      outboxPut(message),
      repo.memberAppend(tenantId, panel.id, member.id, 'outboxIds', message.id),
      emails.item,
    ],
    () => emails.error(),
  );
}

// ---------------------------------------------------------------------------------------------
// Officers: members

export interface MemberFilter {
  status?: Member['status'];
  hubId?: string;
  q?: string;
  /** Only members not involved (joined, attended) since this ISO date. */
  notInvolvedSince?: string;
}

/** Contact data only. Equality answers are never part of a member as an officer sees them. */
function forOfficer(m: StoredMember): Member {
  const { meetingIds: _m, outboxIds: _o, surveyItems: _s, ...member } = m;
  return member;
}

export async function listMembers(tenantId: string, panelId: string, filter: MemberFilter = {}): Promise<Member[]> {
  await requirePanel(tenantId, panelId);
  const q = filter.q?.toLowerCase();
  return (await repo.listMembers(tenantId, panelId))
    .filter((m) => !filter.status || m.status === filter.status)
    .filter((m) => !filter.hubId || m.hubId === filter.hubId)
    .filter((m) => !q || m.name.toLowerCase().includes(q) || m.email.includes(q) || m.phone.includes(q.replace(/\s/g, '')))
    .filter((m) => !filter.notInvolvedSince || (m.status === 'active' && (m.lastInvolvedAt ?? m.joinedAt) < filter.notInvolvedSince))
    .map(forOfficer)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function getMemberForOfficer(tenantId: string, panelId: string, memberId: string): Promise<Member> {
  const member = await repo.getMember(tenantId, panelId, memberId);
  if (!member) throw notFound('There is no member with this id on this panel.');
  return forOfficer(member);
}

/** An officer adds someone who joined by phone, on paper or in person: a member at once, consent recorded as verbal. */
export async function addAssistedMember(
  caller: Caller,
  tenantId: string,
  panelId: string,
  input: AssistedMemberInput,
  options: { welcomeEmail?: boolean } = {},
): Promise<Member> {
  const [config, panel] = await Promise.all([getConfig(tenantId), requirePanel(tenantId, panelId)]);
  if (panel.status !== 'active') throw new DomainError('unprocessable', 'This panel is closed. Open it again before adding members.');
  checkMemberReferences(config, panel, input);
  const now = nowIso();
  const { recruitedBy, consentGivenVerbally: _c, ...details } = input;
  const member: StoredMember = {
    ...details,
    id: newId(),
    panelId,
    status: 'active',
    assisted: { by: caller.email, recruitedBy, at: now },
    joinedAt: now,
    confirmedAt: now,
    lastInvolvedAt: now,
    version: 1,
    updatedAt: now,
  };
  const items: TransactItem[] = [
    repo.contactClaimPut(tenantId, panelId, contactOf(input), member.id),
    consentPut(tenantId, member.id, {
      id: newId(),
      purpose: 'panel-contact',
      action: 'given',
      at: now,
      wordingVersion: PANEL_CONTACT_WORDING,
      method: 'verbal',
      recordedBy: caller.email,
    }),
    repo.panelCountUpdate(tenantId, panelId, 1, 0),
    ...(await recountItems(tenantId, config, countSubject(panel, member), undefined)),
    auditPut(tenantId, audit(caller, 'create', 'member', member.id, `Added a member to ‘${panel.name}’ (${recruitedBy}, consent given verbally)`)),
  ];
  if (member.email && options.welcomeEmail !== false) {
    const link = issueLink(tenantId, 'sign-in', panelId, member.id);
    const message = email(tenantId, member, welcomeAssisted(member.name, panel.name, config.tenant.name, link.url));
    member.outboxIds = [message.id];
    items.push(link.item, outboxPut(message));
  }
  items.push(repo.memberPut(tenantId, member));
  await transactWrite(items, (failed) =>
    failed.includes(0)
      ? new DomainError('conflict', 'This person is already on this panel.', {
          errors: { [input.email ? 'email' : 'phone']: 'Someone with these contact details is already on this panel' },
        })
      : new DomainError('conflict', 'Something else changed at the same time. Try again.'),
  );
  return forOfficer(member);
}

/** Pending → active, with the counters: used by the email link (member) and by an officer (phone-only joiners). */
export async function activationItems(tenantId: string, config: TenantConfig, panel: Panel, member: StoredMember, now: string) {
  const after: StoredMember = { ...member, status: 'active', confirmedAt: now, lastInvolvedAt: now, version: member.version + 1, updatedAt: now };
  return {
    after,
    items: [
      repo.memberPut(tenantId, after, member.version),
      repo.panelCountUpdate(tenantId, panel.id, 1, -1),
      ...(await recountItems(tenantId, config, countSubject(panel, after), undefined)),
    ],
  };
}

export async function confirmByOfficer(caller: Caller, tenantId: string, panelId: string, memberId: string): Promise<Member> {
  const [config, panel, member] = await Promise.all([getConfig(tenantId), requirePanel(tenantId, panelId), repo.getMember(tenantId, panelId, memberId)]);
  if (!member) throw notFound('There is no member with this id on this panel.');
  if (member.status !== 'pending') throw new DomainError('conflict', 'This member has already been confirmed or has left.');
  const { after, items } = await activationItems(tenantId, config, panel, member, nowIso());
  await transactWrite(
    [
      ...items,
      consentPut(tenantId, member.id, { id: newId(), purpose: 'panel-contact', action: 'given', at: after.confirmedAt!, wordingVersion: PANEL_CONTACT_WORDING, method: 'verbal', recordedBy: caller.email }),
      auditPut(tenantId, audit(caller, 'confirm', 'member', memberId, `Confirmed a member of ‘${panel.name}’ by phone`)),
    ],
    () => new DomainError('conflict', 'This member changed while you were looking. Reload the page and try again.'),
  );
  return forOfficer(after);
}

/** A contact list for a meeting, as CSV; every export is in the audit log. */
export async function exportMembers(caller: Caller, tenantId: string, panelId: string, filter: MemberFilter): Promise<{ csv: string; count: number }> {
  const panel = await requirePanel(tenantId, panelId);
  const members = await listMembers(tenantId, panelId, { ...filter, status: filter.status ?? 'active' });
  const rows = [
    ['Name', 'Email', 'Phone', 'Preferred contact', 'Language', 'Support needs', 'Hub', 'Joined', 'Assisted'],
    ...members.map((m) => [m.name, m.email, m.phone, m.preferredChannel, m.language, m.supportNeeds, m.hubId ?? '', m.joinedAt.slice(0, 10), m.assisted ? 'yes' : 'no']),
  ];
  const csv = csvFile(rows);
  await transactWrite(
    [auditPut(tenantId, audit(caller, 'export', 'panel', panelId, `Exported contact details of ${members.length} members of ‘${panel.name}’`))],
    () => new DomainError('internal', 'Could not record the export. Try again.'),
  );
  return { csv, count: members.length };
}

export type { MemberDetailsInput };

import type { Caller } from '@pv/shared/auth.schema';
import type { AuditEntry, TenantConfig } from '@pv/shared/config.schema';
import {
  nextStage,
  type Consultation,
  type ConsultationInput,
  type ConsultationStage,
  type Conversation,
  type ConversationInput,
  type PublicConsultation,
} from '@pv/shared/consultation.schema';
import { DomainError, type FieldErrors, invalid, notFound } from '@pv/shared/errors';
import { toSlug } from '@pv/shared/validation';
import { auditEntry } from '../audit/audit-entry.ts';
import { auditPut } from '../audit/audit.repository.ts';
import { newFeedbackWrites, type Feedback } from '../feedback/feedback.repository.ts';
import { getMember, memberAppend } from '../panels/panels.repository.ts';
import { transactWrite } from '../platform/dynamodb.ts';
import { newId, nowIso } from '../platform/ids.ts';
import { getCounted } from '../profiles/profiles.repository.ts';
import { groupsFor, hubFacts } from '../representation/representation.service.ts';
import { feedbackRef } from '../surveys/member-links.ts';
import { listSurveys } from '../surveys/surveys.repository.ts';
import { getConfig, getPublicTenant } from '../tenants/tenants.service.ts';
import * as repo from './consultations.repository.ts';

/**
 * Consultations for officers (create, change, move through draft → open → closed → analysing →
 * reported) and the public; and logged conversations, each of which becomes a Feedback item tagged
 * with the consultation's priorities, the conversation's hub and network, and groups derived from
 * the hub (and the named member's counted groups) — never typed in by hand.
 */

function audit(caller: Caller, action: AuditEntry['action'], itemId: string, summary: string, changes: AuditEntry['changes'] = {}): AuditEntry {
  return auditEntry(caller, { action, kind: 'consultation', itemId, changes, summary });
}


export async function requireConsultation(tenantId: string, id: string): Promise<Consultation> {
  const c = await repo.getConsultation(tenantId, id);
  if (!c) throw notFound('There is no consultation at this address.');
  return c;
}

async function checkLinks(tenantId: string, config: TenantConfig, input: ConsultationInput): Promise<void> {
  const errors: FieldErrors = {};
  const priorities = new Set(config.priority.filter((p) => p.status === 'active').map((p) => p.id));
  const networks = new Set(config.hubNetwork.filter((n) => n.status === 'active').map((n) => n.id));
  const badPriority = input.priorityIds.find((p) => !priorities.has(p));
  if (badPriority) errors.priorityIds = `“${badPriority}” is not one of the partnership’s priorities`;
  const badNetwork = input.networkIds.find((n) => !networks.has(n));
  if (badNetwork) errors.networkIds = `“${badNetwork}” is not one of the partnership’s hub networks`;
  if (input.surveyIds.length) {
    const surveys = new Set((await listSurveys(tenantId)).map((s) => s.id));
    const badSurvey = input.surveyIds.find((s) => !surveys.has(s));
    if (badSurvey) errors.surveyIds = `There is no survey “${badSurvey}”`;
  }
  if (Object.keys(errors).length) throw invalid(errors);
}

export async function listConsultations(tenantId: string): Promise<Consultation[]> {
  return (await repo.listConsultations(tenantId)).sort((a, b) => b.opensOn.localeCompare(a.opensOn));
}

export async function getConsultation(tenantId: string, id: string): Promise<{ consultation: Consultation; conversations: Conversation[] }> {
  const { consultation, conversations } = await repo.consultationWithConversations(tenantId, id);
  if (!consultation) throw notFound('There is no consultation at this address.');
  return { consultation, conversations: conversations.sort((a, b) => b.heldOn.localeCompare(a.heldOn)) };
}

export async function createConsultation(caller: Caller, tenantId: string, input: ConsultationInput): Promise<Consultation> {
  const config = await getConfig(tenantId);
  await checkLinks(tenantId, config, input);
  const now = nowIso();
  const id = `${toSlug(input.title).slice(0, 40).replace(/-+$/, '')}-${newId().slice(-6).toLowerCase()}`;
  const consultation: Consultation = { ...input, id, stage: 'draft', timeline: [{ stage: 'draft', on: now.slice(0, 10) }], version: 1, createdAt: now, updatedAt: now };
  await transactWrite(
    [repo.consultationPut(tenantId, consultation), auditPut(tenantId, audit(caller, 'create', id, `Started consultation ‘${consultation.title}’`))],
    () => new DomainError('conflict', 'Try again.'),
  );
  return consultation;
}

export async function updateConsultation(caller: Caller, tenantId: string, id: string, expectedVersion: number, input: ConsultationInput): Promise<Consultation> {
  const [config, before] = await Promise.all([getConfig(tenantId), requireConsultation(tenantId, id)]);
  const conflict = () => new DomainError('conflict', 'Someone else changed this consultation. Check their version and make your change again.', { current: before });
  if (before.version !== expectedVersion) throw conflict();
  await checkLinks(tenantId, config, input);
  const after: Consultation = { ...before, ...input, version: before.version + 1, updatedAt: nowIso() };
  const changes: AuditEntry['changes'] = {};
  for (const k of ['title', 'summary', 'whyAsking', 'canChange', 'cannotChange', 'opensOn', 'closesOn'] as const) if (before[k] !== after[k]) changes[k] = [before[k], after[k]];
  await transactWrite(
    [repo.consultationPut(tenantId, after, expectedVersion), auditPut(tenantId, audit(caller, 'update', id, `Changed consultation ‘${after.title}’`, changes))],
    () => conflict(),
  );
  return after;
}

/** One step forward through the lifecycle; each step is dated on the public timeline. */
export async function changeStage(caller: Caller, tenantId: string, id: string, expectedVersion: number, stage: ConsultationStage): Promise<Consultation> {
  const before = await requireConsultation(tenantId, id);
  const conflict = () => new DomainError('conflict', 'Someone else changed this consultation. Check it and try again.', { current: before });
  if (before.version !== expectedVersion) throw conflict();
  if (nextStage[before.stage] !== stage) {
    const next = nextStage[before.stage];
    throw invalid({ stage: next ? `A ${before.stage} consultation can only move on to “${next}”` : 'This consultation has reported back: it is finished' });
  }
  const now = nowIso();
  const after: Consultation = { ...before, stage, timeline: [...before.timeline, { stage, on: now.slice(0, 10) }], version: before.version + 1, updatedAt: now };
  await transactWrite(
    [
      repo.consultationPut(tenantId, after, expectedVersion),
      ...(stage === 'open' ? [repo.openedCountWrite(tenantId, now.slice(0, 7))] : []),
      auditPut(tenantId, audit(caller, 'update', id, `Moved consultation ‘${after.title}’ to ${stage}`, { stage: [before.stage, stage] })),
    ],
    () => conflict(),
  );
  return after;
}

// ---------------------------------------------------------------------------------------------
// The public side

function publicView(c: Consultation): PublicConsultation {
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    whyAsking: c.whyAsking,
    canChange: c.canChange,
    cannotChange: c.cannotChange,
    priorityIds: c.priorityIds,
    networkIds: c.networkIds,
    surveyIds: c.surveyIds,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    stage: c.stage,
    timeline: c.timeline,
  };
}

/** Open consultations first (soonest closing first), then the rest, newest first. Never drafts. */
export async function publicConsultations(tenantId: string): Promise<PublicConsultation[]> {
  await getPublicTenant(tenantId);
  const all = (await repo.listConsultations(tenantId)).filter((c) => c.stage !== 'draft');
  const open = all.filter((c) => c.stage === 'open').sort((a, b) => a.closesOn.localeCompare(b.closesOn));
  const rest = all.filter((c) => c.stage !== 'open').sort((a, b) => b.closesOn.localeCompare(a.closesOn));
  return [...open, ...rest].map(publicView);
}

export async function publicConsultation(tenantId: string, id: string): Promise<PublicConsultation> {
  const c = await repo.getConsultation(tenantId, id);
  if (!c || c.stage === 'draft') throw notFound('There is no consultation at this address.');
  return publicView(c);
}

// ---------------------------------------------------------------------------------------------
// Logged conversations

export async function logConversation(caller: Caller, tenantId: string, consultationId: string, input: ConversationInput): Promise<Conversation> {
  const [config, consultation] = await Promise.all([getConfig(tenantId), requireConsultation(tenantId, consultationId)]);
  if (!['open', 'closed', 'analysing'].includes(consultation.stage)) {
    throw new DomainError('conflict', consultation.stage === 'draft' ? 'Open the consultation before logging conversations.' : 'This consultation has reported back: it takes no more conversations.');
  }
  const hub = config.hub.find((h) => h.id === input.hubId && h.status === 'active');
  if (!hub) throw invalid({ hubId: 'Choose a hub from the list' });
  const groups = new Set(groupsFor(config, undefined, hubFacts(config, hub.networkId, hub.id)));
  let member: { panelId: string; memberId: string } | undefined;
  if (input.member) {
    const [panelId, memberId] = input.member.split(':') as [string, string];
    const found = await getMember(tenantId, panelId, memberId);
    if (!found || found.status !== 'active') throw invalid({ member: 'Choose a current panel member from the list' });
    member = { panelId, memberId };
    for (const g of (await getCounted(tenantId, memberId))?.groups ?? []) groups.add(g);
  }
  const now = nowIso();
  const conversationId = newId();
  const feedback: Feedback = {
    id: newId(),
    text: input.said,
    source: { kind: 'conversation', consultationId, conversationId, people: input.people },
    channel: input.channel,
    receivedOn: input.heldOn,
    receivedAt: now,
    priorityIds: consultation.priorityIds,
    crossCuttingIds: [],
    hubIds: [hub.id],
    networkId: hub.networkId,
    groups: [...groups].sort(),
    status: 'new',
    version: 1,
    ...(member ? { panelId: member.panelId, memberId: member.memberId } : {}),
  };
  const { member: _m, ...rest } = input;
  const conversation: Conversation = {
    ...rest,
    id: conversationId,
    consultationId,
    networkId: hub.networkId,
    feedbackId: feedback.id,
    loggedBy: caller.email,
    loggedAt: now,
    namedMember: Boolean(member),
  };
  await transactWrite(
    [
      repo.canTakeConversations(tenantId, consultationId),
      repo.conversationPut(tenantId, conversation),
      ...newFeedbackWrites(tenantId, [feedback]),
      ...(member ? [memberAppend(tenantId, member.panelId, member.memberId, 'surveyItems', feedbackRef(feedback.id))] : []),
      auditPut(tenantId, audit(caller, 'create', consultationId, `Logged a conversation (${input.people} ${input.people === 1 ? 'person' : 'people'}, ${hub.name}) for ‘${consultation.title}’`)),
    ],
    (failed) =>
      failed.includes(0)
        ? new DomainError('conflict', 'This consultation can’t take conversations now. Reload the page.')
        : invalid({ member: 'Choose a current panel member from the list' }),
  );
  return conversation;
}

import { randomBytes } from 'node:crypto';
import type { Caller } from '@pv/shared/auth.schema';
import { DomainError, invalid, notFound } from '@pv/shared/errors';
import { effectiveStatus, type InvitationStats, type InviteInput, type InviteResult } from '@pv/shared/survey.schema';
import { auditEntry } from '../audit/audit-entry.ts';
import { auditPut } from '../audit/audit.repository.ts';
import { getToken, tokenPut } from '../member-access/member-access.repository.ts';
import { newOutboxMessage, outboxPut } from '../outbox/outbox.repository.ts';
import { listMembers, listPanels, memberAppend, type StoredMember } from '../panels/panels.repository.ts';
import { config as appConfig } from '../platform/config.ts';
import { isConditionFailure, transactWrite, type TransactItem } from '../platform/dynamodb.ts';
import { nowIso } from '../platform/ids.ts';
import { getCounted } from '../profiles/profiles.repository.ts';
import { getPublicTenant } from '../tenants/tenants.service.ts';
import {
  getInvitation,
  invitationAnswered,
  invitationPut,
  invitationReminded,
  listInvitations,
  readInvitationStats,
  statsUpdate,
  type InvitationItem,
} from './invitations.repository.ts';
import { invitationEmail, reminderEmail } from './survey-emails.ts';
import { requireSurvey } from './surveys.service.ts';

/**
 * Personal invitations to panel members. Each gets a link of their own (only its hash is stored);
 * the link opens their one draft, so it is also the way back to saved answers, and the survey takes
 * one response per invitation. Reminders go only to members who have not answered, at most once a
 * day, with a fresh link to the same draft.
 */

const REMIND_AFTER_HOURS = 24;

/** The invitation behind a link; refuses a used-up (answered), expired or foreign link. */
export async function readInvitation(tenantId: string, surveyId: string, linkToken: string): Promise<InvitationItem> {
  const grant = await getToken(tenantId, linkToken);
  const gone = notFound('This invitation link has expired or is not complete. Copy the whole link from the email.');
  if (!grant || grant.purpose !== 'survey' || grant.next !== surveyId || grant.expiresAt <= Math.floor(Date.now() / 1000)) throw gone;
  const invitation = await getInvitation(tenantId, surveyId, grant.panelId, grant.memberId);
  if (!invitation) throw gone;
  if (invitation.answeredAt) throw new DomainError('conflict', 'You have answered this survey already. Thank you for taking part.');
  return invitation;
}

/** In the response's transaction: the invitation is answered (once) and counted. */
export function answeredInvitation(tenantId: string, surveyId: string, panelId: string, memberId: string, at: string): TransactItem[] {
  return [invitationAnswered(tenantId, surveyId, panelId, memberId, at), statsUpdate(tenantId, surveyId, 'ans', panelId)];
}

function linkFor(tenantId: string, surveyId: string, member: StoredMember, closesOn: string) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = Math.floor(new Date(`${closesOn}T23:59:59Z`).getTime() / 1000) + 86400;
  return {
    url: `${appConfig().PUBLIC_WEB_URL}/${tenantId}/surveys/${surveyId}/invited?token=${token}`,
    item: tokenPut(tenantId, token, { purpose: 'survey', panelId: member.panelId, memberId: member.id, next: surveyId, expiresAt }),
  };
}

export async function invite(caller: Caller, tenantId: string, surveyId: string, input: InviteInput): Promise<InviteResult> {
  const [tenant, survey, panels] = await Promise.all([getPublicTenant(tenantId), requireSurvey(tenantId, surveyId), listPanels(tenantId)]);
  if (effectiveStatus(survey) !== 'open') throw new DomainError('conflict', 'Publish the survey before inviting people. A closed survey can’t take more answers.');
  if (survey.audience === 'public') {
    throw new DomainError('invalid', 'This survey is set to “anyone with the link”. Change who can answer to include panel members first.');
  }
  const chosen = panels.filter((p) => p.status === 'active' && (input.scope !== 'panel' || p.id === input.panelId));
  if (input.scope === 'panel' && !chosen.length) {
    throw invalid({ panelId: 'Choose an active panel' });
  }
  const existing = new Map((await listInvitations(tenantId, surveyId)).map((i) => [`${i.panelId}#${i.memberId}`, i]));
  const result: InviteResult = { invited: 0, reminded: 0, noEmail: 0, alreadyInvited: 0, alreadyAnswered: 0 };
  const now = nowIso();
  const remindBefore = new Date(Date.now() - REMIND_AFTER_HOURS * 3600_000).toISOString();

  const jobs: (() => Promise<void>)[] = [];
  for (const panel of chosen) {
    const members = (await listMembers(tenantId, panel.id)).filter((m) => m.status === 'active');
    for (const member of members) {
      if (input.scope === 'group') {
        const counted = await getCounted(tenantId, member.id);
        if (!counted?.groups.includes(input.groupId!)) continue;
      }
      const current = existing.get(`${panel.id}#${member.id}`);
      if (current?.answeredAt) {
        result.alreadyAnswered++;
        continue;
      }
      if (!member.email) {
        result.noEmail++;
        continue;
      }
      if (!input.reminder && current) {
        result.alreadyInvited++;
        continue;
      }
      if (input.reminder && (!current || (current.remindedAt ?? current.invitedAt) > remindBefore)) {
        if (current) result.alreadyInvited++;
        continue;
      }
      jobs.push(async () => {
        const link = linkFor(tenantId, surveyId, member, survey.closesOn);
        const email = current
          ? reminderEmail(member.name, survey.title, survey.closesOn, tenant.name, link.url)
          : invitationEmail(member.name, survey.title, survey.closesOn, tenant.name, link.url, survey.anonymous);
        const message = newOutboxMessage(tenantId, { to: member.email, ...email });
        const inviteWrite: TransactItem = current
          ? invitationReminded(tenantId, surveyId, panel.id, member.id, now)
          : invitationPut(tenantId, surveyId, {
              panelId: panel.id,
              memberId: member.id,
              networkId: panel.networkId,
              ...(member.hubId ? { hubId: member.hubId } : {}),
              draftKey: randomBytes(32).toString('base64url'),
              invitedAt: now,
            });
        try {
          await transactWrite(
            [
              inviteWrite,
              link.item,
              outboxPut(message),
              memberAppend(tenantId, panel.id, member.id, 'outboxIds', message.id),
              ...(current ? [] : [statsUpdate(tenantId, surveyId, 'inv', panel.id)]),
            ],
            () => new DomainError('conflict', 'already'),
          );
          if (current) result.reminded++;
          else result.invited++;
        } catch (error) {
          if (error instanceof DomainError && error.message === 'already') result.alreadyInvited++;
          else if (!isConditionFailure(error)) throw error;
        }
      });
    }
  }
  for (let i = 0; i < jobs.length; i += 8) await Promise.all(jobs.slice(i, i + 8).map((job) => job()));

  if (result.invited || result.reminded) {
    const scope = input.scope === 'all' ? 'all panels' : input.scope === 'panel' ? `panel ${input.panelId}` : `group ${input.groupId}`;
    await transactWrite(
      [
        auditPut(
          tenantId,
          auditEntry(caller, {
            action: input.reminder ? 'remind' : 'invite',
            kind: 'survey',
            itemId: surveyId,
            summary: input.reminder ? `Reminded ${result.reminded} members (${scope}) about ‘${survey.title}’` : `Invited ${result.invited} members (${scope}) to ‘${survey.title}’`,
          }),
        ),
      ],
      () => new DomainError('conflict', 'Try again.'),
    );
  }
  return result;
}

export async function invitationStats(tenantId: string, surveyId: string): Promise<InvitationStats> {
  const [, panels, stats] = await Promise.all([
    requireSurvey(tenantId, surveyId),
    listPanels(tenantId),
    readInvitationStats(tenantId, surveyId),
  ]);
  const rate = (answered: number, invited: number) => (invited ? Math.round((answered / invited) * 1000) / 10 : null);
  const rows = panels
    .map((p) => {
      const invited = stats.invited(p.id);
      const answered = stats.answered(p.id);
      return { panelId: p.id, panelName: p.name, invited, answered, rate: rate(answered, invited) };
    })
    .filter((r) => r.invited > 0);
  const invited = rows.reduce((n, r) => n + r.invited, 0);
  const answered = rows.reduce((n, r) => n + r.answered, 0);
  return { panels: rows, invited, answered, rate: rate(answered, invited) };
}


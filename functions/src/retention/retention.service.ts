/**
 * The retention job (issue 14, item 8): for every partnership, deletes what its retention settings
 * say is due. Each owning domain's repository does its own reads and deletes; this service only
 * decides what is due and records one audit entry per tenant per run, with counts and no personal data.
 *
 * - survey responses, `keepResponsesMonths` after the survey's closing date: every stored response
 *   goes; the result counters stay (aggregates stay, the answers behind them go);
 * - joins nobody confirmed, `keepUnconfirmedDays` after joining: erased by the members' own erase path
 *   (the panel's waiting count goes down with them; they were never counted in representation);
 * - members who left, `keepLeftMembersMonths` after leaving: erased by the same path. They left the
 *   representation counts when they left; their attendance at meetings stays counted, anonymously,
 *   with its record key, so a recount agrees with the counters before and after;
 * - audit entries older than `keepAuditYears`.
 * Copies of sent messages are not found here (each has its own partition): the outbox sender gives
 * each one a TTL of `keepSentMessagesDays` when it is sent.
 * Idempotent: a second run finds nothing due and deletes nothing.
 */
import { retentionOf, type AuditEntry, type Tenant } from '@pv/shared/config.schema';
import { effectiveStatus } from '@pv/shared/survey.schema';
import { auditPut, deleteAuditBefore } from '../audit/audit.repository.ts';
import { transactWrite } from '../platform/dynamodb.ts';
import { newId } from '../platform/ids.ts';
import { DomainError } from '@pv/shared/errors';
import { eraseMember } from '../panels/membership.service.ts';
import { listMembers, listPanels } from '../panels/panels.repository.ts';
import { logger } from '../platform/logger.ts';
import { deleteAllResponses, listSurveys } from '../surveys/surveys.repository.ts';
import { getTenant, listTenants } from '../tenants/tenants.repository.ts';
import { addDays, addMonths, addYears, dayOf, isDue } from './retention.dates.ts';

export interface RetentionCounts {
  surveysCleared: number;
  responsesDeleted: number;
  unconfirmedErased: number;
  leftMembersErased: number;
  /** Members who changed while the job ran (left for the next run). */
  membersSkipped: number;
  auditEntriesDeleted: number;
}

export interface RetentionRun {
  tenantId: string;
  counts: RetentionCounts;
}

/** The job's identity in the audit log: it is not a person. */
const JOB_ACTOR = { sub: 'retention-job', email: 'retention-job' };

export async function runRetentionForTenant(tenant: Tenant, now = new Date()): Promise<RetentionCounts> {
  const settings = retentionOf(tenant);
  const today = dayOf(now);
  const counts: RetentionCounts = { surveysCleared: 0, responsesDeleted: 0, unconfirmedErased: 0, leftMembersErased: 0, membersSkipped: 0, auditEntriesDeleted: 0 };

  for (const survey of await listSurveys(tenant.id)) {
    if (effectiveStatus(survey, now) !== 'closed') continue;
    // Kept until the end of the day `keepResponsesMonths` after it closed; due from the day after.
    if (!isDue(survey.closesOn, (d) => addMonths(d, settings.keepResponsesMonths), today)) continue;
    const deleted = await deleteAllResponses(tenant.id, survey.id);
    if (deleted > 0) {
      counts.surveysCleared++;
      counts.responsesDeleted += deleted;
    }
  }

  for (const panel of await listPanels(tenant.id)) {
    for (const member of await listMembers(tenant.id, panel.id)) {
      const unconfirmed = member.status === 'pending' && isDue(dayOf(member.joinedAt), (d) => addDays(d, settings.keepUnconfirmedDays), today);
      const left = member.status === 'left' && Boolean(member.leftAt) && isDue(dayOf(member.leftAt!), (d) => addMonths(d, settings.keepLeftMembersMonths), today);
      if (!unconfirmed && !left) continue;
      try {
        await eraseMember(tenant.id, panel, member);
        if (unconfirmed) counts.unconfirmedErased++;
        else counts.leftMembersErased++;
      } catch (error) {
        // They confirmed, came back or erased themselves while we ran: nothing of theirs was deleted.
        if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
        counts.membersSkipped++;
        logger.warn('retention skipped a member who changed', { tenantId: tenant.id, panelId: panel.id });
      }
    }
  }

  const auditCutoff = `${addYears(today, -settings.keepAuditYears)}T00:00:00.000Z`;
  counts.auditEntriesDeleted = await deleteAuditBefore(tenant.id, auditCutoff);

  const entry: AuditEntry = {
    id: newId(),
    at: now.toISOString(),
    actor: JOB_ACTOR,
    action: 'delete',
    kind: 'retention',
    itemId: today,
    summary:
      `Retention run: ${counts.responsesDeleted} survey responses from ${counts.surveysCleared} closed surveys, ` +
      `${counts.unconfirmedErased} unconfirmed joins, ${counts.leftMembersErased} members who left ` +
      `and ${counts.auditEntriesDeleted} old audit entries deleted`,
    changes: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, [null, v]])),
  };
  await transactWrite([auditPut(tenant.id, entry)], () => new Error('The retention audit entry could not be written'));
  return counts;
}

/** Every tenant (or only `tenantIds`), one after another. */
export async function runRetention(now = new Date(), tenantIds?: string[]): Promise<RetentionRun[]> {
  const tenants = tenantIds
    ? (await Promise.all(tenantIds.map((t) => getTenant(t)))).filter((t): t is Tenant => Boolean(t))
    : await listTenants();
  const runs: RetentionRun[] = [];
  for (const tenant of tenants) runs.push({ tenantId: tenant.id, counts: await runRetentionForTenant(tenant, now) });
  return runs;
}

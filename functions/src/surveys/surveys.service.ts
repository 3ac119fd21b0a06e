import type { Caller } from '@pv/shared/auth.schema';
import { isKeyName } from '@pv/shared/cell-key';
import type { AuditEntry, TenantConfig } from '@pv/shared/config.schema';
import { DomainError, type FieldErrors, invalid, notFound } from '@pv/shared/errors';
import { isSmall } from '@pv/shared/suppress-small-numbers';
import {
  allQuestions,
  checkDefinition,
  checkPublishedChange,
  conditionValues,
  definitionsDiffer,
  effectiveStatus,
  publishProblems,
  responseChannelLabels,
  type PublicSurvey,
  type QuestionResult,
  type ResultsQuery,
  type StoredResponse,
  type Survey,
  type SurveyInput,
  type SurveyResults,
} from '@pv/shared/survey.schema';
import { toSlug } from '@pv/shared/validation';
import { auditEntry } from '../audit/audit-entry.ts';
import { auditPut } from '../audit/audit.repository.ts';
import { transactWrite } from '../platform/dynamodb.ts';
import { newId, nowIso } from '../platform/ids.ts';
import { getConfig } from '../tenants/tenants.service.ts';
import { answeredAttribute, optionAttribute, rankAttribute, sumAttribute } from './survey-counters.ts';
import * as repo from './surveys.repository.ts';

/**
 * Surveys for officers: build (settings and definition in one item, replaced as a whole with a version
 * check), publish, change wording after publishing without breaking collected answers, close, and
 * read results from counters.
 */

export type SurveyWithCount = Survey & { effectiveStatus: Survey['status'] };

function audit(caller: Caller, action: AuditEntry['action'], itemId: string, summary: string, changes: AuditEntry['changes'] = {}): AuditEntry {
  return auditEntry(caller, { action, kind: 'survey', itemId, changes, summary });
}

const invalidSurvey = (errors: FieldErrors) => invalid(errors, 'There is a problem with the survey');

export async function requireSurvey(tenantId: string, surveyId: string, consistent = false): Promise<Survey> {
  const survey = await repo.getSurvey(tenantId, surveyId, consistent);
  if (!survey) throw notFound('There is no survey at this address.');
  return survey;
}

function withStatus(survey: Survey, responseCount = survey.responseCount): SurveyWithCount {
  return { ...survey, responseCount, effectiveStatus: effectiveStatus(survey) };
}

export async function listSurveys(tenantId: string): Promise<SurveyWithCount[]> {
  const surveys = await repo.listSurveys(tenantId);
  const counts = await repo.responseCounts(tenantId, surveys.map((s) => s.id));
  return surveys
    .map((s) => withStatus(s, counts.get(s.id) ?? 0))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function getSurvey(tenantId: string, surveyId: string): Promise<SurveyWithCount> {
  const survey = await requireSurvey(tenantId, surveyId);
  const counts = await repo.responseCounts(tenantId, [surveyId]);
  return withStatus(survey, counts.get(surveyId) ?? 0);
}

/** Question tags must name the partnership's active priorities and hubs. */
function checkTags(config: TenantConfig, input: SurveyInput): FieldErrors {
  const priorities = new Set(config.priority.filter((p) => p.status === 'active').map((p) => p.id));
  const hubs = new Set(config.hub.filter((h) => h.status === 'active').map((h) => h.id));
  const errors: FieldErrors = {};
  input.definition.sections.forEach((s, si) =>
    s.questions.forEach((q, qi) => {
      const badPriority = q.priorityIds.find((p) => !priorities.has(p));
      const badHub = q.hubIds.find((h) => !hubs.has(h));
      if (badPriority) errors[`definition.sections.${si}.questions.${qi}.priorityIds`] = `“${badPriority}” is not one of the partnership’s priorities`;
      if (badHub) errors[`definition.sections.${si}.questions.${qi}.hubIds`] = `“${badHub}” is not one of the partnership’s hubs`;
    }),
  );
  return errors;
}

function checkWhole(config: TenantConfig, input: SurveyInput): void {
  const definitionErrors = Object.fromEntries(Object.entries(checkDefinition(input.definition)).map(([k, v]) => [`definition.${k}`, v]));
  const errors = { ...definitionErrors, ...checkTags(config, input) };
  if (Object.keys(errors).length) throw invalidSurvey(errors);
}

export async function createSurvey(caller: Caller, tenantId: string, input: SurveyInput): Promise<Survey> {
  const config = await getConfig(tenantId);
  checkWhole(config, input);
  const now = nowIso();
  const id = `${toSlug(input.title).slice(0, 40).replace(/-+$/, '')}-${newId().slice(-6).toLowerCase()}`;
  const survey: Survey = { ...input, id, status: 'draft', definitionVersion: 0, responseCount: 0, version: 1, createdAt: now, updatedAt: now };
  await transactWrite([repo.surveyPut(tenantId, survey), auditPut(tenantId, audit(caller, 'create', id, `Started survey ‘${survey.title}’`))], () =>
    new DomainError('conflict', 'There is already a survey with this address. Try again.'),
  );
  return survey;
}

/** Questions and options that have at least one answer (from the counters). */
async function answeredSet(tenantId: string, survey: Survey): Promise<Set<string>> {
  const { slices } = await repo.readCounters(tenantId, survey.id);
  const all = slices.get('ALL') ?? new Map<string, number>();
  const answered = new Set<string>();
  for (const q of allQuestions(survey.definition)) {
    if ((all.get(answeredAttribute(q.id)) ?? 0) > 0) answered.add(q.id);
    for (const v of conditionValues(q)) if ((all.get(optionAttribute(q.id, v.value)) ?? 0) > 0) answered.add(`${q.id}:${v.value}`);
  }
  return answered;
}

export async function updateSurvey(caller: Caller, tenantId: string, surveyId: string, expectedVersion: number, input: SurveyInput): Promise<Survey> {
  const [config, before] = await Promise.all([getConfig(tenantId), requireSurvey(tenantId, surveyId, true)]);
  const conflict = () =>
    new DomainError('conflict', 'Someone else changed this survey while you were editing. Check their version and make your change again.', { current: before });
  if (before.version !== expectedVersion) throw conflict();
  checkWhole(config, input);
  const changedDefinition = definitionsDiffer(before.definition, input.definition);
  let definitionVersion = before.definitionVersion;
  if (before.status !== 'draft') {
    if (input.anonymous !== before.anonymous) {
      throw invalidSurvey({ anonymous: 'People have been told whether this survey is anonymous, so that can’t change now it is published' });
    }
    if (changedDefinition) {
      const errors = checkPublishedChange(before.definition, input.definition, await answeredSet(tenantId, before));
      if (Object.keys(errors).length) throw invalidSurvey(errors);
      definitionVersion += 1;
    }
    if (!input.definition.sections.length) throw invalidSurvey({ definition: 'A published survey needs at least one section' });
  }
  const now = nowIso();
  const after: Survey = { ...before, ...input, definitionVersion, version: before.version + 1, updatedAt: now };
  const changes: AuditEntry['changes'] = {};
  for (const k of ['title', 'introduction', 'privacyNotice', 'closesOn', 'audience', 'anonymous'] as const) {
    if (before[k] !== after[k]) changes[k] = [before[k], after[k]];
  }
  if (changedDefinition) changes.definition = [`version ${before.definitionVersion}`, `version ${definitionVersion}`];
  await transactWrite(
    [
      repo.surveyPut(tenantId, after, expectedVersion),
      ...(before.status !== 'draft' && changedDefinition ? [repo.definitionPut(tenantId, surveyId, definitionVersion, after.definition, now)] : []),
      auditPut(tenantId, audit(caller, 'update', surveyId, `Changed survey ‘${after.title}’`, changes)),
    ],
    (failed) => (failed.includes(0) ? conflict() : new DomainError('conflict', 'Try again.')),
  );
  return after;
}

export async function publishSurvey(caller: Caller, tenantId: string, surveyId: string, expectedVersion: number): Promise<Survey> {
  const before = await requireSurvey(tenantId, surveyId, true);
  if (before.version !== expectedVersion) {
    throw new DomainError('conflict', 'Someone else changed this survey. Check it again before publishing.', { current: before });
  }
  if (before.status !== 'draft') throw new DomainError('conflict', 'This survey is already published.');
  const errors = publishProblems(before, nowIso().slice(0, 10));
  if (Object.keys(errors).length) throw invalid(errors, 'The survey is not ready to publish');
  const now = nowIso();
  const after: Survey = { ...before, status: 'open', definitionVersion: 1, publishedAt: now, version: before.version + 1, updatedAt: now };
  await transactWrite(
    [
      repo.surveyPut(tenantId, after, expectedVersion),
      repo.definitionPut(tenantId, surveyId, 1, after.definition, now),
      auditPut(tenantId, audit(caller, 'publish', surveyId, `Published survey ‘${after.title}’`, { status: ['draft', 'open'] })),
    ],
    () => new DomainError('conflict', 'Someone else changed this survey. Check it again before publishing.'),
  );
  return after;
}

export async function closeSurvey(caller: Caller, tenantId: string, surveyId: string, expectedVersion: number): Promise<Survey> {
  const before = await requireSurvey(tenantId, surveyId, true);
  if (before.version !== expectedVersion) throw new DomainError('conflict', 'Someone else changed this survey. Check it again.', { current: before });
  if (before.status !== 'open') throw new DomainError('conflict', 'Only an open survey can be closed.');
  const now = nowIso();
  const today = now.slice(0, 10);
  const after: Survey = { ...before, status: 'closed', closesOn: before.closesOn < today ? before.closesOn : today, version: before.version + 1, updatedAt: now };
  await transactWrite(
    [repo.surveyPut(tenantId, after, expectedVersion), auditPut(tenantId, audit(caller, 'close', surveyId, `Closed survey ‘${after.title}’`, { status: ['open', 'closed'] }))],
    () => new DomainError('conflict', 'Someone else changed this survey. Check it again.'),
  );
  return after;
}

/** What a parent may see of a survey (no tags, no counts). */
export function publicView(survey: Survey): PublicSurvey {
  return {
    id: survey.id,
    title: survey.title,
    introduction: survey.introduction,
    privacyNotice: survey.privacyNotice,
    closesOn: survey.closesOn,
    anonymous: survey.anonymous,
    audience: survey.audience,
    status: effectiveStatus(survey),
    definition: {
      sections: survey.definition.sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, priorityIds: [], hubIds: [] })) })),
    },
    definitionVersion: survey.definitionVersion,
  };
}

// ---------------------------------------------------------------------------------------------
// Export

/**
 * A page of responses for the CSV export: the answers and how they came, never groups (derived from
 * equality answers) and never who a named response came from. The first page records the export in
 * the audit log, as exporting panel members does.
 */
export async function exportResponses(caller: Caller, tenantId: string, surveyId: string, limit: number, cursor?: string): Promise<{ items: StoredResponse[]; next?: string }> {
  const survey = await requireSurvey(tenantId, surveyId);
  const page = await repo.listResponses(tenantId, surveyId, limit, cursor);
  if (!cursor) {
    await transactWrite([auditPut(tenantId, audit(caller, 'export', surveyId, `Downloaded the responses to ‘${survey.title}’`))], () => new DomainError('conflict', 'Try again.'));
  }
  const items: StoredResponse[] = page.items.map((r) => ({
    id: r.id,
    day: r.day,
    ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
    channel: r.channel,
    definitionVersion: r.definitionVersion,
    ...(r.hubId ? { hubId: r.hubId } : {}),
    ...(r.networkId ? { networkId: r.networkId } : {}),
    answers: r.answers,
    ...(r.paperRef ? { paperRef: r.paperRef } : {}),
    ...(r.enteredBy ? { enteredBy: r.enteredBy } : {}),
  }));
  return { items, ...(page.next ? { next: page.next } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Results

function sliceFor(filter: ResultsQuery): string {
  if (filter.groupId) return `GROUP#${filter.groupId}`;
  if (filter.networkId) return `NETWORK#${filter.networkId}`;
  if (filter.channel) return `CHANNEL#${filter.channel}`;
  return 'ALL';
}

function filterLabel(config: TenantConfig, filter: ResultsQuery): string {
  if (filter.groupId) return config.group.find((g) => g.id === filter.groupId)?.name ?? filter.groupId;
  if (filter.networkId) return config.hubNetwork.find((n) => n.id === filter.networkId)?.name ?? filter.networkId;
  if (filter.channel) return responseChannelLabels[filter.channel];
  return 'All responses';
}

/**
 * Per-question results from the counters: one Query of the survey's counter partition, whatever the
 * number of responses. One filter at a time (channel, hub network or group). A group filter is an
 * aggregate about people's equality answers: every count under the threshold is hidden, and
 * percentages are only given when nothing in the question is hidden.
 */
export async function results(tenantId: string, surveyId: string, filter: ResultsQuery): Promise<SurveyResults> {
  const [config, survey] = await Promise.all([getConfig(tenantId), requireSurvey(tenantId, surveyId)]);
  const set = [filter.channel, filter.networkId, filter.groupId].filter(Boolean).length;
  if (set > 1) throw new DomainError('invalid', 'Filter by one thing at a time: channel, hub network or group.');
  const { slices, itemsRead } = await repo.readCounters(tenantId, surveyId);
  const totals = slices.get(sliceFor(filter)) ?? new Map<string, number>();
  const suppressed = Boolean(filter.groupId);
  const threshold = config.tenant.suppressionThreshold;
  const show = (n: number): number | null => (suppressed && isSmall(n, threshold) ? null : n);
  const get = (k: string) => totals.get(k) ?? 0;
  const responses = get('n');

  const questions: QuestionResult[] = allQuestions(survey.definition)
    .filter((q) => q.type !== 'equality')
    .map((q) => {
      const answered = get(answeredAttribute(q.id));
      const base: QuestionResult = { questionId: q.id, label: q.label, type: q.type, answered: show(answered) };
      if (q.type === 'single' || q.type === 'multiple' || q.type === 'yes-no' || q.type === 'rating') {
        const rows = conditionValues(q).map((v) => ({ value: v.value, label: v.label, count: get(optionAttribute(q.id, v.value)) }));
        const anyHidden = suppressed && (isSmall(answered, threshold) || rows.some((r) => isSmall(r.count, threshold)));
        base.options = rows.map((r) => ({
          value: r.value,
          label: r.label,
          count: show(r.count),
          percent: anyHidden || answered === 0 ? null : Math.round((r.count / answered) * 1000) / 10,
        }));
        if (q.type === 'rating') {
          const sum = rows.reduce((s, r) => s + Number(r.value) * r.count, 0);
          base.mean = answered && !(suppressed && isSmall(answered, threshold)) ? Math.round((sum / answered) * 100) / 100 : null;
        }
      } else if (q.type === 'number') {
        base.mean = answered && !(suppressed && isSmall(answered, threshold)) ? Math.round((get(sumAttribute(q.id)) / answered) * 100) / 100 : null;
      } else if (q.type === 'ranking') {
        base.ranks = q.options.map((o) => ({
          value: o.id,
          label: o.label,
          meanPosition: answered && !(suppressed && isSmall(answered, threshold)) ? Math.round((get(rankAttribute(q.id, o.id)) / answered) * 100) / 100 : null,
        }));
      }
      return base;
    });

  // Every day the survey had answers (from all responses), so a filtered view never reveals, by a day
  // being listed, that someone in a small group answered that day: a zero is hidden like any small count.
  // `d_<day>~k` is that day's key sum (cell key method), not a day: it never leaves the server.
  const all = slices.get('ALL') ?? new Map<string, number>();
  const byDay = [...all.keys()]
    .filter((k) => k.startsWith('d_') && !isKeyName(k))
    .map((k) => ({ day: k.slice(2), count: show(get(k)) }))
    .sort((a, b) => a.day.localeCompare(b.day));

  return {
    surveyId,
    filter,
    filterLabel: filterLabel(config, filter),
    responses: show(responses),
    suppressed,
    threshold,
    byDay,
    questions,
    itemsRead,
  };
}


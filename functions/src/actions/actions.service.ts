import type { Caller } from '@pv/shared/auth.schema';
import { addTally, emptyTally, perturb, tallyIn } from '@pv/shared/cell-key';
import type { Action, ActionInput, LogFilter, LogPage, PublicAction } from '@pv/shared/action.schema';
import type { TenantConfig } from '@pv/shared/config.schema';
import type { MyMembership } from '@pv/shared/panel.schema';
import { DomainError, type FieldErrors, invalid, notFound } from '@pv/shared/errors';
import { findPersonalData, unconfirmed, type Finding } from '@pv/shared/personal-data';
import { auditPut } from '../audit/audit.repository.ts';
import { listConsultations } from '../consultations/consultations.repository.ts';
import { getManyFeedback, getTheme, readCounters, themePut, themeMemberIds } from '../feedback/feedback.repository.ts';
import { audit } from '../feedback/triage.service.ts';
import { memberNames } from '../panels/panels.repository.ts';
import { transactWrite, type TransactItem } from '../platform/dynamodb.ts';
import { newId, nowIso } from '../platform/ids.ts';
import { requireSecondPerson } from '../platform/second-person.ts';
import { getConfig, getPublicTenant } from '../tenants/tenants.service.ts';
import * as repo from './actions.repository.ts';
import { feedbackCount } from './log-counts.ts';

/**
 * "You said, we did" actions: drafted by an officer, checked for personal data, approved by a second
 * person, then published to the public log (a copy per facet, counts kept at write time). Changing a
 * published action makes a new draft; the public keeps seeing the approved version until the change
 * is approved too.
 */

const noAction = () => notFound('There is no action at this address.');
const changedMeanwhile = (current?: Action) => new DomainError('conflict', 'Someone else changed this action while you were editing. Check their version and make your change again.', current ? { current } : {});

export async function requireAction(tenantId: string, id: string): Promise<Action> {
  const a = await repo.getAction(tenantId, id);
  if (!a) throw noAction();
  return a;
}

async function checkLinks(tenantId: string, config: TenantConfig, input: ActionInput): Promise<void> {
  const errors: FieldErrors = {};
  const themes = await Promise.all(input.themeIds.map((t) => getTheme(tenantId, t)));
  if (themes.some((t) => !t)) errors.themeIds = 'Choose themes from the list';
  if (input.consultationIds.length) {
    const known = new Set((await listConsultations(tenantId)).map((c) => c.id));
    if (input.consultationIds.some((c) => !known.has(c))) errors.consultationIds = 'Choose consultations from the list';
  }
  const priorities = new Set(config.priority.filter((p) => p.status === 'active').map((p) => p.id));
  if (input.priorityIds.some((p) => !priorities.has(p))) errors.priorityIds = 'Choose priorities from the list';
  if (Object.keys(errors).length) throw invalid(errors);
}

function publicText(a: Pick<Action, 'youSaid' | 'weDid' | 'notDoingReason' | 'owner' | 'update'>): string {
  return [a.youSaid, a.weDid, a.notDoingReason, a.owner, a.update].filter(Boolean).join('\n');
}

export async function findingsFor(tenantId: string, a: Action): Promise<Finding[]> {
  return findPersonalData(publicText(a), await memberNames(tenantId));
}

export async function listActions(tenantId: string, limit: number, cursor?: string) {
  return repo.listActions(tenantId, limit, cursor);
}

/** An action with what the personal-data check finds in it now (for the officer to fix or confirm). */
export async function getAction(tenantId: string, id: string): Promise<{ action: Action; findings: Finding[] }> {
  const action = await requireAction(tenantId, id);
  return { action, findings: await findingsFor(tenantId, action) };
}

export async function createAction(caller: Caller, tenantId: string, input: ActionInput): Promise<Action> {
  const config = await getConfig(tenantId);
  await checkLinks(tenantId, config, input);
  const now = nowIso();
  const action: Action = { ...input, id: newId(), state: 'draft', draftedBy: caller.email, confirmed: [], version: 1, createdAt: now, updatedAt: now };
  await transactWrite([repo.actionPut(tenantId, action), auditPut(tenantId, audit(caller, 'create', 'action', action.id, 'Drafted a “you said, we did” action'))], () => new DomainError('conflict', 'Try again.'));
  return action;
}

/** Any change makes (or keeps) it a draft: it has to be sent for approval again. */
export async function updateAction(caller: Caller, tenantId: string, id: string, version: number, input: ActionInput): Promise<Action> {
  const [config, before] = await Promise.all([getConfig(tenantId), requireAction(tenantId, id)]);
  if (before.version !== version) throw changedMeanwhile(before);
  await checkLinks(tenantId, config, input);
  const { returned: _r, submittedBy: _s, ...rest } = before;
  const after: Action = { ...rest, ...input, state: 'draft', version: before.version + 1, updatedAt: nowIso() };
  await transactWrite([repo.actionPut(tenantId, after, version), auditPut(tenantId, audit(caller, 'update', 'action', id, 'Changed a “you said, we did” action'))], () => changedMeanwhile(before));
  return after;
}

/** Sends a draft for approval once every personal-data finding is fixed or confirmed. */
export async function submitAction(caller: Caller, tenantId: string, id: string, version: number, confirmed: string[]): Promise<Action> {
  const before = await requireAction(tenantId, id);
  if (before.version !== version) throw changedMeanwhile(before);
  if (before.state !== 'draft') throw new DomainError('conflict', 'This action is not a draft: it has already been sent for approval or approved.');
  const findings = await findingsFor(tenantId, before);
  const open = unconfirmed(findings, confirmed);
  if (open.length) {
    throw new DomainError('unprocessable', 'This action may contain personal data. Change the words, or confirm each finding is not about a person.', {
      errors: { confirmed: `Check ${open.length === 1 ? 'this finding' : `these ${open.length} findings`}: ${open.map((f) => `“${f.match}”`).join(', ')}` },
      findings: open,
    });
  }
  const after: Action = { ...before, state: 'awaiting-approval', submittedBy: caller.email, confirmed: findings.map((f) => f.key), version: before.version + 1, updatedAt: nowIso() };
  await transactWrite([repo.actionPut(tenantId, after, version), auditPut(tenantId, audit(caller, 'update', 'action', id, 'Sent a “you said, we did” action for approval'))], () => changedMeanwhile(before));
  return after;
}

export async function returnAction(caller: Caller, tenantId: string, id: string, version: number, reason: string): Promise<Action> {
  const before = await requireAction(tenantId, id);
  if (before.version !== version) throw changedMeanwhile(before);
  if (before.state !== 'awaiting-approval') throw new DomainError('conflict', 'Only an action waiting for approval can be sent back.');
  const after: Action = { ...before, state: 'draft', returned: { by: caller.email, at: nowIso(), reason }, version: before.version + 1, updatedAt: nowIso() };
  await transactWrite([repo.actionPut(tenantId, after, version), auditPut(tenantId, audit(caller, 'update', 'action', id, 'Sent a “you said, we did” action back to its author'))], () => changedMeanwhile(before));
  return after;
}

/**
 * What the public will see: the words, and what the linked themes add up to. Every number about the
 * comments behind it is published through the cell key method (the themes' all-time tallies added up:
 * a comment is in one theme at most): priorities with any comments, networks, hubs and groups only
 * where at least the threshold of comments came from them (naming a place or group for fewer would
 * tell the public "someone from here said this"), and the number of comments (null under the threshold).
 */
async function publicVersion(tenantId: string, config: TenantConfig, a: Action, today: string): Promise<PublicAction> {
  const themes = (await Promise.all(a.themeIds.map((t) => getTheme(tenantId, t)))).filter((t) => t !== undefined);
  const published = (cell: string) => perturb(themes.reduce((sum, t) => addTally(sum, tallyIn(t.counts, cell)), emptyTally));
  const threshold = config.tenant.suppressionThreshold;
  const consultations = a.consultationIds.length ? (await listConsultations(tenantId)).filter((c) => a.consultationIds.includes(c.id)) : [];
  const withAtLeast = <T extends { id: string }>(items: T[], prefix: string, least: number) => items.filter((i) => published(`${prefix}:${i.id}`) >= least).map((i) => i.id);
  const priorityIds = new Set([...withAtLeast(config.priority, 'p', 1), ...a.priorityIds, ...consultations.flatMap((c) => c.priorityIds)]);
  const networkIds = new Set([...withAtLeast(config.hubNetwork, 'n', threshold), ...consultations.flatMap((c) => c.networkIds)]);
  const basedOn = published('*');
  const before = a.published;
  const statusChanged = !before || before.status !== a.status;
  const timeline = [...(before?.timeline ?? [])];
  if (statusChanged || a.update) timeline.push({ on: today, status: a.status, note: a.update || (before ? '' : 'We published this.') });
  return {
    id: a.id,
    youSaid: a.youSaid,
    weDid: a.weDid,
    status: a.status,
    notDoingReason: a.status === 'not-doing' ? a.notDoingReason : '',
    owner: a.owner,
    targetOn: a.targetOn,
    doneOn: a.status === 'done' ? a.doneOn : '',
    timeline,
    priorityIds: config.priority.filter((p) => priorityIds.has(p.id)).map((p) => p.id),
    networkIds: config.hubNetwork.filter((n) => networkIds.has(n.id)).map((n) => n.id),
    hubIds: withAtLeast(config.hub, 'h', threshold),
    groups: withAtLeast(config.group, 'g', threshold),
    // No themes: based on no comments at all (a design choice, not a count of people), so 0 is said as it is.
    basedOn: a.themeIds.length === 0 ? 0 : basedOn >= threshold ? basedOn : null,
    consultationIds: a.consultationIds,
    publishedOn: before?.publishedOn ?? today,
    updatedOn: today,
  };
}

export interface Approval {
  action: Action;
  /** The status changed or it was published for the first time: contributors should hear. */
  tellContributors: boolean;
}

/** A second person (not whoever sent it) approves: the public log changes in the same transaction. */
export async function approveAction(caller: Caller, tenantId: string, id: string, version: number): Promise<Approval> {
  const [config, before] = await Promise.all([getConfig(tenantId), requireAction(tenantId, id)]);
  if (before.version !== version) throw changedMeanwhile(before);
  if (before.state !== 'awaiting-approval') throw new DomainError('conflict', 'This action is not waiting for approval.');
  // A second person: not whoever drafted it, nor whoever sent it.
  requireSecondPerson(caller, [before.submittedBy, before.draftedBy], 'an action');
  // The words may not have changed since they were sent, but the list of members may have.
  const open = unconfirmed(await findingsFor(tenantId, before), before.confirmed);
  if (open.length) throw new DomainError('conflict', `Send this back: it may contain personal data not checked before (${open.map((f) => `“${f.match}”`).join(', ')}).`);
  const now = nowIso();
  const published = await publicVersion(tenantId, config, before, now.slice(0, 10));
  const publishedAt = before.published ? (before.publishedAt ?? now) : now;
  const after: Action = { ...before, state: 'approved', approvedBy: caller.email, published, update: '', publishedAt, version: before.version + 1, updatedAt: now };
  const tellContributors = !before.published || before.published.status !== published.status;
  const writes: TransactItem[] = [
    repo.actionPut(tenantId, after, version),
    ...repo.logWrites(tenantId, before.published, published, publishedAt),
    ...repo.logCountWrites(tenantId, before.published, published),
    ...repo.monthCountWrites(tenantId, before.published, published),
    auditPut(tenantId, audit(caller, before.published ? 'approve' : 'publish', 'action', id, before.published ? 'Approved a change to a published “you said, we did” action' : 'Approved and published a “you said, we did” action')),
  ];
  if (writes.length > 100) throw new DomainError('invalid', 'This action is linked to too many places to publish at once. Link it to fewer themes.');
  await transactWrite(writes, () => changedMeanwhile(before));
  // Themes list the actions that came from them (for merges, and for a member's page).
  for (const themeId of before.themeIds) {
    const theme = await getTheme(tenantId, themeId);
    if (theme && !theme.actionIds.includes(id)) {
      const firstActionOn = earliest(theme.firstActionOn, published.publishedOn);
      await transactWrite([themePut(tenantId, { ...theme, actionIds: [...theme.actionIds, id], firstActionOn, version: theme.version + 1, updatedAt: now }, theme.version)], () => changedMeanwhile());
    }
  }
  return { action: after, tellContributors };
}

/** After a merge, actions that pointed at the merged theme point at the one it went into. */
export async function relinkThemes(tenantId: string, from: string, into: string, actionIds: string[]): Promise<void> {
  const target = await getTheme(tenantId, into);
  let firstActionOn = target?.firstActionOn;
  for (const id of actionIds) {
    const a = await repo.getAction(tenantId, id);
    firstActionOn = earliest(firstActionOn, a?.published?.publishedOn);
    if (!a || !a.themeIds.includes(from)) continue;
    const themeIds = [...new Set(a.themeIds.map((t) => (t === from ? into : t)))];
    await transactWrite([repo.actionPut(tenantId, { ...a, themeIds, version: a.version + 1, updatedAt: nowIso() }, a.version)], () => changedMeanwhile());
  }
  if (target) {
    const actionIds2 = [...new Set([...target.actionIds, ...actionIds])];
    await transactWrite([themePut(tenantId, { ...target, actionIds: actionIds2, ...(firstActionOn ? { firstActionOn } : {}), version: target.version + 1, updatedAt: nowIso() }, target.version)], () => changedMeanwhile());
  }
}

/** The earlier of two days (`yyyy-mm-dd`), either of which may be missing. */
function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

/** Comments behind an action (for telling their authors): every comment in its themes. */
export async function contributorsOf(tenantId: string, a: Action): Promise<{ panelId: string; memberId: string }[]> {
  const ids = (await Promise.all(a.themeIds.map((t) => themeMemberIds(tenantId, t)))).flat();
  const feedback = await getManyFeedback(tenantId, ids);
  const seen = new Map<string, { panelId: string; memberId: string }>();
  for (const f of feedback) if (f.memberId && f.panelId && f.status !== 'safeguarding') seen.set(f.memberId, { panelId: f.panelId, memberId: f.memberId });
  return [...seen.values()];
}

/**
 * For a member's own page: the published actions behind their named comments (refs `F|<id>` on the
 * member item), through each comment's theme. Reads their comments and themes, not the log.
 */
export async function actionsFromWhatTheySaid(tenantId: string, memberItems: string[]): Promise<MyMembership['actions']> {
  const ids = memberItems.filter((r) => r.startsWith('F|')).map((r) => r.slice(2));
  if (!ids.length) return [];
  const themeIds = [...new Set((await getManyFeedback(tenantId, ids)).flatMap((f) => (f.themeId && f.status !== 'safeguarding' ? [f.themeId] : [])))];
  const actionIds = [...new Set((await Promise.all(themeIds.map((t) => getTheme(tenantId, t)))).flatMap((t) => t?.actionIds ?? []))];
  const actions = (await Promise.all(actionIds.map((a) => repo.getPublicAction(tenantId, a)))).filter((a) => a !== undefined);
  return actions.map((a) => ({ id: a.id, youSaid: a.youSaid, weDid: a.weDid, status: a.status, updatedOn: a.updatedOn })).sort((a, b) => b.updatedOn.localeCompare(a.updatedOn));
}

// ---------------------------------------------------------------------------------------------
// The public log

export async function publicLog(tenantId: string, filter: LogFilter): Promise<LogPage> {
  // getConfig refuses an unknown tenant: the other reads then find nothing.
  const [config, page, logCounts, feedbackCounts] = await Promise.all([
    getConfig(tenantId),
    repo.readLog(tenantId, filter),
    repo.readLogCounts(tenantId),
    readCounters(tenantId, 'ALL'),
  ]);
  const place = filter.hub ? `h:${filter.hub}` : filter.network ? `n:${filter.network}` : '*';
  const cell = `${filter.priority ? `p:${filter.priority}` : '*'}|${place}|${filter.group ? `g:${filter.group}` : '*'}`;
  return {
    items: page.items,
    ...(page.next ? { next: page.next } : {}),
    counts: {
      feedback: feedbackCount(feedbackCounts, config.tenant.suppressionThreshold, filter),
      // Counts are for the chosen priority, place and group, whatever the status filter (it only narrows the list).
      actions: logCounts[cell] ?? 0,
      done: logCounts[`${cell}|done`] ?? 0,
    },
  };
}

export async function publicAction(tenantId: string, id: string): Promise<PublicAction> {
  await getPublicTenant(tenantId);
  const a = await repo.getPublicAction(tenantId, id);
  if (!a) throw notFound('There is no published action at this address.');
  return a;
}

import type { Caller } from '@pv/shared/auth.schema';
import type { AuditEntry, TenantConfig } from '@pv/shared/config.schema';
import { DomainError, type FieldErrors, invalid, notFound } from '@pv/shared/errors';
import { isQuoteOf, WITHHELD, type BulkInput, type Quote, type WaitingQuote, type BulkResult, type Feedback, type FeedbackView, type TagInput, type TriageCounts, type TriageFilter } from '@pv/shared/feedback.schema';
import { findingLabels, findPersonalData } from '@pv/shared/personal-data';
import { suggestPriorities } from '@pv/shared/priority-matcher';
import { auditEntry } from '../audit/audit-entry.ts';
import { auditPut } from '../audit/audit.repository.ts';
import { newOutboxMessage, outboxPut } from '../outbox/outbox.repository.ts';
import { config as env } from '../platform/config.ts';
import { transactWrite, type TransactItem } from '../platform/dynamodb.ts';
import { nowIso } from '../platform/ids.ts';
import { requireSecondPerson } from '../platform/second-person.ts';
import { memberNames } from '../panels/panels.repository.ts';
import { redactAnswer, responseExists } from '../surveys/surveys.repository.ts';
import { conversationExists, withholdConversation } from '../consultations/consultations.repository.ts';
import { getConfig } from '../tenants/tenants.service.ts';
import * as repo from './feedback.repository.ts';

/**
 * The officers' triage queue: read what parents said, tag it (accepting or turning down the
 * matcher's suggestions), mark it reviewed or not relevant, flag a safeguarding concern to the
 * partnership's named contact, remove a comment when a parent asks, and do any of these to many at
 * once. Every change moves the comment's counters in the same transaction.
 */

export function audit(caller: Caller, action: AuditEntry['action'], kind: AuditEntry['kind'], itemId: string, summary: string): AuditEntry {
  return auditEntry(caller, { action, kind, itemId, summary });
}

const changedMeanwhile = (current?: Feedback) =>
  new DomainError('conflict', 'Someone else changed this comment while you were looking at it. Check their change and try again.', current ? { current: view(current, []) } : {});

function activeIds(config: TenantConfig) {
  return {
    priorities: config.priority.filter((p) => p.status === 'active'),
    crossCutting: new Set(config.crossCuttingTheme.filter((t) => t.status === 'active').map((t) => t.id)),
  };
}

/** The officer's view of a comment: never who said it, only whether it was a named person. */
export function view(f: Feedback, priorities: TenantConfig['priority']): FeedbackView {
  const { memberId, panelId: _p, recordKey: _k, ...rest } = f;
  return { ...rest, named: Boolean(memberId), suggestions: suggestPriorities(f.text, priorities, [...f.priorityIds, ...(f.dismissed ?? [])]) };
}

/** A comment officers may see (a flagged one is for the safeguarding contact only). */
export async function requireFeedback(tenantId: string, id: string): Promise<Feedback> {
  const f = await repo.getFeedback(tenantId, id);
  if (!f || f.status === 'safeguarding') throw notFound('There is no comment at this address. It may have been removed.');
  return f;
}

export async function triageQueue(tenantId: string, filter: TriageFilter): Promise<{ items: FeedbackView[]; next?: string; counts: TriageCounts }> {
  const [config, page, counters] = await Promise.all([getConfig(tenantId), repo.listTriage(tenantId, filter), repo.readCounters(tenantId, 'ALL')]);
  const { priorities } = activeIds(config);
  return {
    items: page.items.map((f) => view(f, priorities)),
    ...(page.next ? { next: page.next } : {}),
    counts: {
      untagged: counters.get('st:untagged') ?? 0,
      new: counters.get('st:new') ?? 0,
      reviewed: counters.get('st:reviewed') ?? 0,
      'not-relevant': counters.get('st:not-relevant') ?? 0,
    },
  };
}

export async function getFeedbackView(tenantId: string, id: string): Promise<FeedbackView> {
  const [config, f] = await Promise.all([getConfig(tenantId), requireFeedback(tenantId, id)]);
  return view(f, activeIds(config).priorities);
}

async function write(tenantId: string, changes: repo.FeedbackChange[], extra: TransactItem[] = [], current?: Feedback): Promise<void> {
  await transactWrite([...repo.changeWrites(tenantId, changes), ...extra], () => changedMeanwhile(current));
}

/** The whole set of tags for one comment; saving them marks it reviewed. */
export async function setTags(tenantId: string, id: string, input: TagInput): Promise<FeedbackView> {
  const [config, before] = await Promise.all([getConfig(tenantId), requireFeedback(tenantId, id)]);
  if (before.version !== input.version) throw changedMeanwhile(before);
  const { priorities, crossCutting } = activeIds(config);
  const known = new Set(priorities.map((p) => p.id));
  const errors: FieldErrors = {};
  // A retired priority stays on comments already tagged with it, but can't be added.
  const badPriority = input.priorityIds.find((p) => !known.has(p) && !before.priorityIds.includes(p));
  if (badPriority) errors.priorityIds = 'Choose priorities from the list';
  const badTheme = input.crossCuttingIds.find((t) => !crossCutting.has(t) && !before.crossCuttingIds.includes(t));
  if (badTheme) errors.crossCuttingIds = 'Choose cross-cutting themes from the list';
  if (Object.keys(errors).length) throw invalid(errors);
  const after: Feedback = {
    ...before,
    priorityIds: [...new Set(input.priorityIds)],
    crossCuttingIds: [...new Set(input.crossCuttingIds)],
    dismissed: [...new Set([...(before.dismissed ?? []), ...input.dismissed])].filter((p) => !input.priorityIds.includes(p)),
    status: before.status === 'not-relevant' ? 'not-relevant' : 'reviewed',
    version: before.version + 1,
  };
  await write(tenantId, [{ before, after }], [], before);
  return view(after, priorities);
}

export async function setStatus(caller: Caller, tenantId: string, id: string, version: number, status: 'new' | 'reviewed' | 'not-relevant'): Promise<FeedbackView> {
  const [config, before] = await Promise.all([getConfig(tenantId), requireFeedback(tenantId, id)]);
  if (before.version !== version) throw changedMeanwhile(before);
  const after: Feedback = { ...before, status, version: before.version + 1 };
  const extra = status === 'not-relevant' || before.status === 'not-relevant' ? [auditPut(tenantId, audit(caller, 'update', 'feedback', id, status === 'not-relevant' ? 'Marked a comment as not relevant' : 'Put a comment back in the queue'))] : [];
  await write(tenantId, [{ before, after }], extra, before);
  return view(after, activeIds(config).priorities);
}

/**
 * Chooses words from a comment for partners to read on its theme's page (or, with an empty text,
 * takes them away). Only the comment's own words, only in a theme, only when counted, and never with
 * anything the personal-data check finds: the officer must take it out (there is no "confirm" here).
 * New or changed words wait for a second person's approval (as actions do): partners read nothing
 * until then, and a changed quote leaves the theme's page until the change is approved.
 */
export async function setQuote(caller: Caller, tenantId: string, id: string, version: number, text: string): Promise<FeedbackView> {
  const [config, before] = await Promise.all([getConfig(tenantId), requireFeedback(tenantId, id)]);
  if (before.version !== version) throw changedMeanwhile(before);
  if (text) {
    if (!before.themeId) throw invalid({ text: 'Put this comment in a theme first: partners read quotes on a theme’s page' });
    if (before.status !== 'new' && before.status !== 'reviewed') throw invalid({ text: 'Only comments counted in the feedback can be quoted' });
    if (!isQuoteOf(text, before.text)) throw invalid({ text: 'Use only the parent’s own words: copy them from the comment, and put … where you leave words out' });
    const findings = findPersonalData(text, await memberNames(tenantId));
    if (findings.length) {
      throw invalid({ text: `Take out anything that could identify someone: ${findings.map((f) => `“${f.match}” (${findingLabels[f.kind]})`).join(', ')}` });
    }
    // The same words again change nothing (an approved quote stays approved).
    if (before.quote?.text === text && before.quote.state !== 'returned') return view(before, activeIds(config).priorities);
  } else if (!before.quote) {
    return view(before, activeIds(config).priorities);
  }
  const { quote: _q, ...rest } = before;
  const after: Feedback = { ...rest, ...(text ? { quote: { text, by: caller.email, at: nowIso(), state: 'awaiting-approval' } } : {}), version: before.version + 1 };
  const summary = !text ? 'Took away a quote partners could read' : before.quote ? 'Changed a quote for partners and sent it for approval' : 'Chose a quote from a comment for partners and sent it for approval';
  await write(tenantId, [{ before, after }], [auditPut(tenantId, audit(caller, 'update', 'feedback', id, summary))], before);
  return view(after, activeIds(config).priorities);
}

/** A quote waiting for approval (the comment officers may see, with its quote). */
async function waitingQuote(tenantId: string, id: string, version: number): Promise<Feedback & { quote: Quote }> {
  const before = await requireFeedback(tenantId, id);
  if (before.version !== version) throw changedMeanwhile(before);
  if (before.quote?.state !== 'awaiting-approval') throw new DomainError('conflict', 'This quote is not waiting for approval.');
  return before as Feedback & { quote: Quote };
}

/** Quotes waiting for a second person's approval, for officers and admins to approve. */
export async function waitingQuotes(tenantId: string): Promise<WaitingQuote[]> {
  await getConfig(tenantId);
  return repo.listWaitingQuotes(tenantId);
}

/**
 * A second person (not whoever wrote the words) approves a quote: partners read it on its theme's
 * page from now on. The personal-data check runs again: the list of members may have changed, and
 * quotes written before a check was added were never checked by it.
 */
export async function approveQuote(caller: Caller, tenantId: string, id: string, version: number): Promise<FeedbackView> {
  const [config, before] = await Promise.all([getConfig(tenantId), waitingQuote(tenantId, id, version)]);
  requireSecondPerson(caller, [before.quote.by], 'a quote');
  const findings = findPersonalData(before.quote.text, await memberNames(tenantId));
  if (findings.length) throw new DomainError('conflict', `Send this back: it may contain personal data (${findings.map((f) => `“${f.match}” (${findingLabels[f.kind]})`).join(', ')}).`);
  if (!before.themeId || (before.status !== 'new' && before.status !== 'reviewed')) {
    throw new DomainError('conflict', 'Send this back: the comment is no longer counted in a theme, so partners could not read the quote.');
  }
  const { returned: _r, ...quote } = before.quote;
  const after: Feedback = { ...before, quote: { ...quote, state: 'approved', approvedBy: caller.email, approvedAt: nowIso() }, version: before.version + 1 };
  await write(tenantId, [{ before, after }], [auditPut(tenantId, audit(caller, 'approve', 'feedback', id, 'Approved a quote for partners to read'))], before);
  return view(after, activeIds(config).priorities);
}

/** Sends a waiting quote back to whoever wrote it, saying what needs changing: partners read nothing. */
export async function returnQuote(caller: Caller, tenantId: string, id: string, version: number, reason: string): Promise<FeedbackView> {
  const [config, before] = await Promise.all([getConfig(tenantId), waitingQuote(tenantId, id, version)]);
  const after: Feedback = { ...before, quote: { ...before.quote, state: 'returned', returned: { by: caller.email, at: nowIso(), reason } }, version: before.version + 1 };
  await write(tenantId, [{ before, after }], [auditPut(tenantId, audit(caller, 'update', 'feedback', id, 'Sent a quote for partners back to its author'))], before);
  return view(after, activeIds(config).priorities);
}

/**
 * Flags a comment as a safeguarding concern: it leaves the queue, its theme, the survey's list and
 * every count, and only the partnership's safeguarding contact can read it. The contact gets an email
 * that says where to look (never the comment itself).
 */
export async function flagSafeguarding(caller: Caller, tenantId: string, id: string, version: number, reason: string): Promise<void> {
  const [config, before] = await Promise.all([getConfig(tenantId), requireFeedback(tenantId, id)]);
  const contact = config.tenant.safeguardingContact;
  if (!contact) throw new DomainError('conflict', 'Your partnership has no safeguarding contact yet. Ask an admin to add one in the partnership settings, and follow your safeguarding procedure now.');
  if (before.version !== version) throw changedMeanwhile(before);
  const at = nowIso();
  // It leaves its theme and loses any quote: partners never read it.
  const { themeId: _t, quote: _q, ...rest } = before;
  const after: Feedback = { ...rest, status: 'safeguarding', version: before.version + 1 };
  const writes = repo.changeWrites(tenantId, [{ before, after, flaggedAt: at }]);
  repo.withFlag(writes[0]!, { by: caller.email, at, reason });
  // The words also leave where they came from: the consultation's conversation, or the survey response.
  writes.push(...(await withholdAtSource(tenantId, before)));
  const message = newOutboxMessage(tenantId, {
    to: contact,
    template: 'safeguarding-flag',
    subject: 'A comment has been flagged as a safeguarding concern',
    text:
      `Hello,\n\n${caller.email} flagged a comment from a parent as a safeguarding concern in Parent Voice for ${config.tenant.name}.\n\n` +
      `Only you can read it. Sign in and open:\n${env().PUBLIC_WEB_URL}/officer/safeguarding\n\n` +
      'Please follow your safeguarding procedure. This email does not contain the comment.',
  });
  await transactWrite([...writes, outboxPut(message), auditPut(tenantId, audit(caller, 'flag', 'feedback', id, 'Flagged a comment as a safeguarding concern'))], () => changedMeanwhile(before));
}

/** Where a flagged comment's words were copied from, replaced by WITHHELD (if the place still exists). */
async function withholdAtSource(tenantId: string, f: Feedback): Promise<TransactItem[]> {
  const source = f.source;
  if (source.kind === 'conversation') {
    return (await conversationExists(tenantId, source.consultationId, source.conversationId)) ? [withholdConversation(tenantId, source.consultationId, source.conversationId)] : [];
  }
  return (await responseExists(tenantId, source.surveyId, f.receivedOn, source.responseId))
    ? [redactAnswer(tenantId, source.surveyId, f.receivedOn, source.responseId, source.questionId, WITHHELD)]
    : [];
}

function requireContact(caller: Caller, config: TenantConfig): void {
  if (!config.tenant.safeguardingContact || caller.email.toLowerCase() !== config.tenant.safeguardingContact) {
    throw new DomainError('forbidden', 'Only the partnership’s safeguarding contact can see flagged comments.');
  }
}

export async function safeguardingList(caller: Caller, tenantId: string) {
  requireContact(caller, await getConfig(tenantId));
  return (await repo.listSafeguarding(tenantId)).map(({ memberId, panelId: _p, ...f }) => ({ ...f, named: Boolean(memberId) }));
}

/** The contact records what they did; the comment stays flagged (and uncounted). */
export async function handleSafeguarding(caller: Caller, tenantId: string, id: string, version: number, note: string): Promise<void> {
  const config = await getConfig(tenantId);
  requireContact(caller, config);
  const f = await repo.getFeedback(tenantId, id);
  if (!f || f.status !== 'safeguarding') throw notFound('There is no flagged comment at this address.');
  if (f.version !== version) throw changedMeanwhile();
  await transactWrite(
    [repo.handledUpdate(tenantId, id, version, { by: caller.email, at: nowIso(), note }), auditPut(tenantId, audit(caller, 'update', 'feedback', id, 'Recorded what was done about a safeguarding concern'))],
    () => changedMeanwhile(),
  );
}

/**
 * Removes a comment for good (a parent asked, or it holds something that must not be kept): the
 * comment goes, its counts go with it, and a survey answer's text is replaced in the response.
 */
export async function eraseFeedback(caller: Caller, tenantId: string, id: string, version: number, reason: string): Promise<void> {
  const before = await requireFeedback(tenantId, id);
  if (before.version !== version) throw changedMeanwhile(before);
  const extra: TransactItem[] = [auditPut(tenantId, audit(caller, 'erase', 'feedback', id, `Removed a comment: ${reason}`))];
  if (before.source.kind === 'survey') extra.push(redactAnswer(tenantId, before.source.surveyId, before.receivedOn, before.source.responseId, before.source.questionId));
  await write(tenantId, [{ before }], extra, before);
}

// ---------------------------------------------------------------------------------------------
// Bulk

function applyBulk(f: Feedback, input: BulkInput): Feedback | undefined {
  switch (input.action) {
    case 'add-priority':
      return f.priorityIds.includes(input.priorityId!) ? undefined : { ...f, priorityIds: [...f.priorityIds, input.priorityId!], status: f.status === 'new' ? 'reviewed' : f.status };
    case 'remove-priority':
      return f.priorityIds.includes(input.priorityId!) ? { ...f, priorityIds: f.priorityIds.filter((p) => p !== input.priorityId) } : undefined;
    case 'reviewed':
      return f.status === 'reviewed' ? undefined : { ...f, status: 'reviewed' };
    case 'not-relevant':
      return f.status === 'not-relevant' ? undefined : { ...f, status: 'not-relevant' };
    case 'add-to-theme':
      return f.themeId === input.themeId ? undefined : { ...f, themeId: input.themeId! };
    case 'remove-from-theme': {
      if (!f.themeId) return undefined;
      const { themeId: _t, ...rest } = f;
      return rest;
    }
  }
}

/** At most this many comments per transaction (each comment is 1–3 items, plus counters and themes). */
const BATCH = 20;

/**
 * Applies one action to the chosen comments, a batch per transaction. A comment someone else changed
 * meanwhile is read again and the action applied to their version (so no change is lost); one that
 * was flagged or removed is skipped.
 */
export async function bulk(caller: Caller, tenantId: string, input: BulkInput): Promise<BulkResult> {
  const config = await getConfig(tenantId);
  if (input.priorityId && !activeIds(config).priorities.some((p) => p.id === input.priorityId) && input.action === 'add-priority') {
    throw invalid({ priorityId: 'Choose a priority from the list' });
  }
  if (input.themeId && !(await repo.getTheme(tenantId, input.themeId))) throw invalid({ themeId: 'Choose a theme from the list' });
  const result: BulkResult = { changed: 0, unchanged: 0, skipped: 0 };
  const ids = [...new Set(input.ids)];
  for (let i = 0; i < ids.length; i += BATCH) {
    let batch = ids.slice(i, i + BATCH);
    for (let attempt = 1; batch.length; attempt++) {
      const found = (await repo.getManyFeedback(tenantId, batch)).filter((f) => f.status !== 'safeguarding');
      const changes: repo.FeedbackChange[] = [];
      let unchanged = 0;
      for (const before of found) {
        const after = applyBulk(before, input);
        if (after) changes.push({ before, after: { ...after, version: before.version + 1 } });
        else unchanged++;
      }
      try {
        if (changes.length) await transactWrite(repo.changeWrites(tenantId, changes), () => new DomainError('conflict', 'changed'));
        result.changed += changes.length;
        result.unchanged += unchanged;
        result.skipped += batch.length - found.length;
        batch = [];
      } catch (error) {
        if (!(error instanceof DomainError) || attempt >= 3) throw error;
      }
    }
  }
  if (result.changed) {
    await transactWrite([auditPut(tenantId, audit(caller, 'update', 'feedback', 'bulk', `Changed ${result.changed} ${result.changed === 1 ? 'comment' : 'comments'} at once (${input.action.replace(/-/g, ' ')})`))], () => new DomainError('conflict', 'Try again.'));
  }
  return result;
}

import { dayText } from '@pv/shared/dates';
import { randomBytes } from 'node:crypto';
import type { Caller } from '@pv/shared/auth.schema';
import { newRecordKey } from '@pv/shared/cell-key';
import type { TenantConfig } from '@pv/shared/config.schema';
import { DomainError, invalid, notFound } from '@pv/shared/errors';
import type { ProfileAnswers } from '@pv/shared/panel.schema';
import {
  allQuestions,
  effectiveStatus,
  freeTextTypes,
  type AssistedDraftInput,
  type DraftView,
  type PublicSurvey,
  type PublicSurveySummary,
  type StartDraftInput,
  type StoredResponse,
  type SubmitResult,
  type Survey,
} from '@pv/shared/survey.schema';
import { checkResponse, checkSection, nextSectionIndex, pruneHidden, unansweredRequired, fieldName, withoutSection, type Answers, type EqualityAnswer } from '@pv/shared/survey-answers';
import { newFeedbackWrites, type Feedback } from '../feedback/feedback.repository.ts';
import { enforce, limitHit } from '../limits/limits.service.ts';
import { newOutboxMessage, outboxPut } from '../outbox/outbox.repository.ts';
import { contactHash } from '../panels/panels.keys.ts';
import { memberAppend } from '../panels/panels.repository.ts';
import { config as appConfig } from '../platform/config.ts';
import { transactWrite, type TransactItem } from '../platform/dynamodb.ts';
import { newId, nowIso } from '../platform/ids.ts';
import { getCounted } from '../profiles/profiles.repository.ts';
import { groupsFor, hubFacts } from '../representation/representation.service.ts';
import { getConfig, getPublicTenant } from '../tenants/tenants.service.ts';
import { answeredInvitation, readInvitation } from './invitations.service.ts';
import { resumeLinkEmail } from './survey-emails.ts';
import { counterDeltas, slicesFor } from './survey-counters.ts';
import { SHARDS, sha256 } from './surveys.keys.ts';
import { feedbackRef, responseRef } from './member-links.ts';
import * as repo from './surveys.repository.ts';
import { publicView, requireSurvey } from './surveys.service.ts';

/**
 * Answering a survey. A parent's answers live in a draft, saved a section at a time (so "save and
 * come back later" and JavaScript-off paging come free); submitting turns the draft into one
 * response in one transaction with everything it changes: the "done" mark that makes a repeat submit
 * a no-op, the response, a Feedback item per free-text answer, the counters, and the invitation.
 *
 * The draft token is the per-browser token (a cookie) or, for a personal invitation, the
 * invitation's own token, so the invitation link is also the way back and yields at most one
 * response.
 */

/** Fresh starts of a public survey from one client (a hashed network address) in an hour. Generous: a Family Hub's Wi-Fi is shared. */
const DRAFT_DAYS = 30;
const ASSISTED_DRAFT_DAYS = 7;
/** How long "already submitted" is remembered for a draft token (a back button weeks later still finds it). */
const DONE_DAYS = 180;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const newToken = () => randomBytes(32).toString('base64url');

function closedProblem(survey: Survey) {
  const day = dayText(survey.closesOn);
  return new DomainError('conflict', `This survey closed on ${day}. Thank you for wanting to take part.`);
}

function requireOpen(survey: Survey, assisted = false) {
  const status = effectiveStatus(survey);
  if (status === 'draft') throw notFound('There is no survey at this address.');
  // Paper forms that arrive after the closing date may still be entered by an officer.
  if (status === 'closed' && !assisted) throw closedProblem(survey);
}

// ---------------------------------------------------------------------------------------------
// Public pages

export async function listPublicSurveys(tenantId: string): Promise<PublicSurveySummary[]> {
  await getPublicTenant(tenantId);
  const surveys = await repo.listSurveys(tenantId);
  return surveys
    .filter((s) => effectiveStatus(s) === 'open' && s.audience !== 'panel')
    .sort((a, b) => a.closesOn.localeCompare(b.closesOn))
    .map((s) => ({ id: s.id, title: s.title, introduction: s.introduction, closesOn: s.closesOn }));
}

/** A survey's public page: published and open to the public (a closed one says so). */
export async function publicSurvey(tenantId: string, surveyId: string): Promise<PublicSurvey> {
  const survey = await repo.getSurvey(tenantId, surveyId);
  if (!survey || survey.status === 'draft') throw notFound('There is no survey at this address.');
  const view = publicView(survey);
  if (survey.audience === 'panel') {
    // Invitation-only: the page explains, without the questions.
    return { ...view, definition: { sections: [] } };
  }
  return view;
}

// ---------------------------------------------------------------------------------------------
// Starting

export async function startDraft(tenantId: string, surveyId: string, input: StartDraftInput, client: string): Promise<{ token: string }> {
  const survey = await requireSurvey(tenantId, surveyId);
  requireOpen(survey);
  const createdAt = nowIso();
  const closes = Math.floor(new Date(`${survey.closesOn}T23:59:59Z`).getTime() / 1000);
  if (input.invitation) {
    const invitation = await readInvitation(tenantId, surveyId, input.invitation);
    const draft: Omit<repo.Draft, 'answers'> = {
      surveyId,
      channel: 'online',
      ...(invitation.hubId ? { hubId: invitation.hubId } : {}),
      networkId: invitation.networkId,
      invitation: { panelId: invitation.panelId, memberId: invitation.memberId },
      createdAt,
      expiresAt: closes + 7 * 86400,
    };
    try {
      await transactWrite([repo.draftPut(tenantId, invitation.draftKey, draft)], () => new Error('exists'));
    } catch (error) {
      if ((error as Error).message !== 'exists') throw error;
      // Already started: any link of this invitation carries on where they left off.
    }
    return { token: invitation.draftKey };
  }
  if (survey.audience === 'panel') throw new DomainError('forbidden', 'This survey is for panel members who were invited. Use the link in your invitation email.');
  const config = await getConfig(tenantId);
  const hubId = input.hubId && config.hub.some((h) => h.id === input.hubId && h.status === 'active') ? input.hubId : undefined;
  const token = newToken();
  const starts = limitHit('survey-start', `${tenantId}:${surveyId}:${client}`);
  await transactWrite(
    [
      starts.item,
      repo.draftPut(tenantId, token, { surveyId, channel: 'online', ...(hubId ? { hubId } : {}), createdAt, expiresAt: Math.min(closes + 86400, nowSeconds() + DRAFT_DAYS * 86400) }),
    ],
    () => starts.error(),
  );
  return { token };
}

/** An officer entering a paper form, phone call or event conversation: the same pages, marked with how and by whom. */
export async function startAssistedDraft(caller: Caller, tenantId: string, surveyId: string, input: AssistedDraftInput): Promise<{ token: string }> {
  const [config, survey] = await Promise.all([getConfig(tenantId), requireSurvey(tenantId, surveyId)]);
  requireOpen(survey, true);
  if (input.hubId && !config.hub.some((h) => h.id === input.hubId)) {
    throw invalid({ hubId: 'Choose a hub from the list' });
  }
  if (input.paperRef && (await repo.paperTaken(tenantId, surveyId, input.paperRef))) {
    throw paperTakenProblem(input.paperRef);
  }
  const token = newToken();
  await transactWrite(
    [
      repo.draftPut(tenantId, token, {
        surveyId,
        channel: input.channel,
        ...(input.hubId ? { hubId: input.hubId } : {}),
        assisted: { paperRef: input.paperRef, enteredBy: caller.email, enteredBySub: caller.sub },
        createdAt: nowIso(),
        expiresAt: nowSeconds() + ASSISTED_DRAFT_DAYS * 86400,
      }),
    ],
    () => new DomainError('conflict', 'Try again.'),
  );
  return { token };
}

function paperTakenProblem(ref: string) {
  const message = `The paper form ${ref} has already been entered. Check the number on the sheet.`;
  return new DomainError('conflict', message, { errors: { paperRef: message } });
}

// ---------------------------------------------------------------------------------------------
// Answering

async function requireDraft(tenantId: string, surveyId: string, token: string): Promise<repo.Draft> {
  const draft = await repo.getDraft(tenantId, surveyId, token);
  if (!draft || draft.expiresAt <= nowSeconds()) {
    if (await repo.isDone(tenantId, surveyId, token)) throw new DomainError('conflict', 'These answers have been sent already. Thank you.');
    throw notFound('We could not find your saved answers. They are kept for 30 days; you can start the survey again.');
  }
  return draft;
}

/** Staff-entered drafts can only be continued by staff (the handler checks the caller). */
export function assertDraftAccess(draft: repo.Draft, caller: Caller | undefined): void {
  if (draft.assisted && (!caller || caller.sub !== draft.assisted.enteredBySub)) {
    throw new DomainError('forbidden', 'These answers are being entered by a member of staff.');
  }
}

export async function readDraft(tenantId: string, surveyId: string, token: string, caller?: Caller): Promise<DraftView> {
  const survey = await requireSurvey(tenantId, surveyId);
  const draft = await repo.getDraft(tenantId, surveyId, token);
  const view = publicView(survey);
  if (!draft || draft.expiresAt <= nowSeconds()) {
    if (await repo.isDone(tenantId, surveyId, token)) return { survey: view, answers: {}, submitted: true, channel: 'online', invited: false };
    throw notFound('We could not find your saved answers. They are kept for 30 days; you can start the survey again.');
  }
  assertDraftAccess(draft, caller);
  return {
    survey: view,
    answers: draft.answers,
    submitted: false,
    channel: draft.channel,
    invited: Boolean(draft.invitation),
    ...(draft.assisted ? { assisted: { paperRef: draft.assisted.paperRef, enteredBy: draft.assisted.enteredBy } } : {}),
  };
}

/** Checks and keeps one section's answers; says which section comes next (null: check your answers). */
export async function saveSection(
  tenantId: string,
  surveyId: string,
  token: string,
  sectionId: string,
  incoming: Record<string, unknown>,
  caller?: Caller,
): Promise<{ next: string | null }> {
  const [survey, draft] = await Promise.all([requireSurvey(tenantId, surveyId), requireDraft(tenantId, surveyId, token)]);
  assertDraftAccess(draft, caller);
  requireOpen(survey, Boolean(draft.assisted));
  const result = checkSection(survey.definition, sectionId, incoming, draft.answers);
  if (!result.ok) throw invalid(result.errors, 'There is a problem with your answers');
  if (!(await repo.saveDraftSection(tenantId, surveyId, token, sectionId, result.answers))) {
    throw new DomainError('conflict', 'These answers have been sent already. Thank you.');
  }
  const index = survey.definition.sections.findIndex((s) => s.id === sectionId);
  const merged = { ...withoutSection(draft.answers, survey.definition.sections[index]!), ...result.answers };
  const next = nextSectionIndex(survey.definition, merged, index);
  return { next: next === undefined ? null : survey.definition.sections[next]!.id };
}


export async function emailResumeLink(tenantId: string, surveyId: string, token: string, email: string, client: string): Promise<void> {
  const [tenant, survey, draft] = await Promise.all([getPublicTenant(tenantId), requireSurvey(tenantId, surveyId), requireDraft(tenantId, surveyId, token)]);
  if (draft.assisted) throw new DomainError('invalid', 'Answers entered by staff can’t be emailed.');
  const url = `${appConfig().PUBLIC_WEB_URL}/${tenantId}/surveys/${surveyId}/resume?token=${token}`;
  const message = newOutboxMessage(tenantId, { to: email, ...resumeLinkEmail(survey.title, survey.closesOn, tenant.name, url) });
  await enforce('emails-from-client', `${tenantId}:${client}`);
  const emails = limitHit('emails-to-address', contactHash(tenantId, email));
  await transactWrite([emails.item, outboxPut(message)], () => emails.error());
}

// ---------------------------------------------------------------------------------------------
// Submitting

class AlreadySubmitted extends Error {}

/** `client` (a public submit: the signed network address) counts against the survey-submit limit. */
export async function submit(tenantId: string, surveyId: string, token: string, caller?: Caller, client?: string): Promise<SubmitResult> {
  // The draft goes in the same transaction that marks it done: no draft means sent already (or never there).
  const draft = await repo.getDraft(tenantId, surveyId, token);
  if (!draft || draft.expiresAt <= nowSeconds()) {
    if (await repo.isDone(tenantId, surveyId, token)) return { submitted: true, firstTime: false };
    throw notFound('We could not find your saved answers. They are kept for 30 days; you can start the survey again.');
  }
  assertDraftAccess(draft, caller);
  const [config, survey] = await Promise.all([getConfig(tenantId), requireSurvey(tenantId, surveyId)]);
  requireOpen(survey, Boolean(draft.assisted));

  const answers = pruneHidden(survey.definition, draft.answers);
  const checked = checkResponse(survey.definition, answers);
  if (!checked.ok) throw invalid(checked.errors, 'Some of your answers need changing');
  const missing = unansweredRequired(survey.definition, answers);
  if (missing.length) {
    throw invalid(Object.fromEntries(missing.map((m) => [fieldName(m.question.id), `Answer “${m.question.label}” (section ${m.sectionIndex + 1})`])), 'Some questions still need an answer');
  }

  if (!caller && client !== undefined) await enforce('survey-submit', `${tenantId}:${surveyId}:${client}`);
  const items = await responseItems(tenantId, config, survey, draft, checked.answers);
  try {
    await transactWrite(
      [repo.doneClaim(tenantId, surveyId, token, nowSeconds() + DONE_DAYS * 86400), repo.draftDelete(tenantId, surveyId, token), ...items.writes],
      (failed) => {
        if (failed.includes(0)) return new AlreadySubmitted();
        if (items.paperIndex !== undefined && failed.includes(items.paperIndex + 2)) return paperTakenProblem(draft.assisted!.paperRef);
        return new DomainError('conflict', 'This invitation has been answered already. Thank you.');
      },
    );
  } catch (error) {
    if (error instanceof AlreadySubmitted) return { submitted: true, firstTime: false };
    throw error;
  }
  return { submitted: true, firstTime: true };
}

interface ResponseWrites {
  writes: TransactItem[];
  /** Index (within writes) of the paper claim, to explain its failure. */
  paperIndex?: number;
  response: StoredResponse & { groups: string[]; recordKey: number };
}

/**
 * Everything one response writes. Anonymous responses carry no member id, no time of day and a
 * random id (not a ULID, whose time could be matched with access logs), and their Feedback items
 * carry nothing that leads back to a person. Every response is given its record key here (the cell
 * key method: a random 0–255, shared by a 256th of all records, so it links nothing); it is kept on
 * the response and moved into the key sums of the counters, and no API response or CSV carries it.
 */
export async function responseItems(tenantId: string, config: TenantConfig, survey: Survey, draft: repo.Draft, answers: Answers): Promise<ResponseWrites> {
  const now = nowIso();
  const day = now.slice(0, 10);
  const named = !survey.anonymous && Boolean(draft.invitation);
  const id = survey.anonymous ? randomBytes(10).toString('hex') : newId();

  // Where and whose voice.
  const hub = draft.hubId ? config.hub.find((h) => h.id === draft.hubId) : undefined;
  const networkId = hub?.networkId ?? draft.networkId;
  const equalityQuestion = allQuestions(survey.definition).find((q) => q.type === 'equality');
  const equality = equalityQuestion ? (answers[equalityQuestion.id] as EqualityAnswer | undefined) : undefined;
  const profile: ProfileAnswers | undefined = equality ? (({ consent: _c, ...rest }) => rest)(equality) : undefined;
  const facts = networkId ? hubFacts(config, networkId, draft.hubId) : undefined;
  const groups = new Set(groupsFor(config, profile, facts, { channel: draft.channel }));
  if (draft.invitation) {
    // A member's consented equality answers were counted by the panels code; use what it counted.
    const counted = await getCounted(tenantId, draft.invitation.memberId);
    for (const g of counted?.groups ?? []) groups.add(g);
  }
  const stored: Answers = { ...answers };
  if (equalityQuestion) delete stored[equalityQuestion.id];

  const response: StoredResponse & { groups: string[]; recordKey: number } = {
    id,
    day,
    ...(survey.anonymous ? {} : { submittedAt: now }),
    channel: draft.channel,
    definitionVersion: survey.definitionVersion,
    ...(draft.hubId ? { hubId: draft.hubId } : {}),
    ...(networkId ? { networkId } : {}),
    answers: stored,
    groups: [...groups].sort(),
    ...(draft.assisted ? { enteredBy: draft.assisted.enteredBy, ...(draft.assisted.paperRef ? { paperRef: draft.assisted.paperRef } : {}) } : {}),
    ...(named ? { panelId: draft.invitation!.panelId, memberId: draft.invitation!.memberId } : {}),
    recordKey: newRecordKey(),
  };

  const writes: TransactItem[] = [repo.responsePut(tenantId, survey.id, response)];
  // A named answer is personal data: the member item lists it (and its Feedback), so erasing the member can unlink them.
  const memberRefs = [responseRef(survey.id, day, id)];
  const feedbackItems: Feedback[] = [];
  for (const q of allQuestions(survey.definition)) {
    if (!freeTextTypes.includes(q.type) || typeof stored[q.id] !== 'string') continue;
    const feedback: Feedback = {
      id: newId(),
      text: stored[q.id] as string,
      source: { kind: 'survey', surveyId: survey.id, questionId: q.id, responseId: id },
      channel: draft.channel,
      receivedOn: day,
      ...(survey.anonymous ? {} : { receivedAt: now }),
      priorityIds: q.priorityIds,
      crossCuttingIds: [],
      hubIds: [...new Set([...q.hubIds, ...(draft.hubId ? [draft.hubId] : [])])],
      ...(networkId ? { networkId } : {}),
      groups: response.groups,
      status: 'new',
      version: 1,
      ...(named ? { panelId: draft.invitation!.panelId, memberId: draft.invitation!.memberId } : {}),
    };
    if (survey.anonymous) feedback.id = randomBytes(10).toString('hex');
    feedbackItems.push(feedback);
    if (named) memberRefs.push(feedbackRef(feedback.id));
  }
  // Each comment, and what it adds to the feedback counters (one update per counter item).
  writes.push(...newFeedbackWrites(tenantId, feedbackItems));
  if (named) writes.push(memberAppend(tenantId, draft.invitation!.panelId, draft.invitation!.memberId, 'surveyItems', memberRefs));
  // Counts and their key sums, in the same transaction as the response.
  const deltas = counterDeltas(survey.definition, { day, answers: stored, recordKey: response.recordKey });
  const shard = Math.floor(Math.random() * SHARDS);
  for (const slice of slicesFor(response)) writes.push(...repo.counterUpdates(tenantId, survey.id, slice, shard, deltas));
  if (draft.invitation) writes.push(...answeredInvitation(tenantId, survey.id, draft.invitation.panelId, draft.invitation.memberId, now));
  let paperIndex: number | undefined;
  if (draft.assisted?.paperRef) {
    paperIndex = writes.length;
    writes.push(repo.paperClaim(tenantId, survey.id, draft.assisted.paperRef, id));
  }
  if (writes.length > 98) throw new DomainError('internal', 'This response has too many parts to store at once.');
  return { writes, paperIndex, response };
}

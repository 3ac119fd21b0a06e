import { error, fail, redirect, type Cookies } from '@sveltejs/kit';
import { secureCookie, underPath } from './cookies';
import {
  describeAnswer,
  formValuesFor,
  previousSectionIndex,
  progress,
  pruneHidden,
  sectionFromForm,
  shownSectionIndexes,
  unansweredRequired,
  visibility,
} from '@pv/shared/survey-answers';
import type { DraftView } from '@pv/shared/survey.schema';
import { formToValues } from '$lib/survey-form';
import { ApiError, draftApi } from './api';

/**
 * The pages of answering a survey, shared by parents (public pages, the draft token in a cookie) and
 * officers entering a paper form (officer pages, the same token in their own cookie plus their
 * session). The server decides which section comes next; every page works without JavaScript.
 */
export interface Answering {
  /** Path of the answering pages, e.g. /notts/surveys/<id> (…/section/<s>, …/check, …/done). */
  base: string;
  client: ReturnType<typeof draftApi>;
  /** Where to go when there is no draft (start page). */
  start: string;
}

const cookieName = (surveyId: string) => secureCookie(`pv_survey_${surveyId}`);

export function draftCookie(cookies: Cookies, surveyId: string): string | undefined {
  const token = cookies.get(cookieName(surveyId));
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

/** The per-browser token: kept for 30 days, after submitting too (it says "you have answered"). */
export function setDraftCookie(cookies: Cookies, surveyId: string, path: string, token: string): void {
  cookies.set(cookieName(surveyId), token, underPath(path, 30 * 24 * 3600));
}

export async function readView(answering: Answering): Promise<DraftView> {
  try {
    return await answering.client.get();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) redirect(303, `${answering.start}?missing=1`);
    throw e;
  }
}

export function firstSectionHref(answering: Answering, view: DraftView): string {
  const [first] = shownSectionIndexes(view.survey.definition, view.answers);
  if (first === undefined) return `${answering.base}/check`;
  return `${answering.base}/section/${view.survey.definition.sections[first]!.id}`;
}

/** Where to carry on: the first shown section with nothing answered yet, else checking the answers. */
export function resumeHref(answering: Answering, view: DraftView): string {
  if (view.submitted) return `${answering.base}/done`;
  const definition = view.survey.definition;
  const answered = new Set(Object.keys(view.answers).map((k) => k.replace(/\.other$/, '')));
  const shown = visibility(definition, view.answers).questions;
  for (const i of shownSectionIndexes(definition, view.answers)) {
    const section = definition.sections[i]!;
    const questions = section.questions.filter((q) => shown.has(q.id));
    if (questions.length && !questions.some((q) => answered.has(q.id))) return `${answering.base}/section/${section.id}`;
  }
  return `${answering.base}/check`;
}

export async function loadSection(answering: Answering, sectionId: string) {
  const view = await readView(answering);
  if (view.submitted) redirect(303, `${answering.base}/done`);
  const definition = view.survey.definition;
  const index = definition.sections.findIndex((s) => s.id === sectionId);
  if (index < 0) error(404, { message: 'There is no such page in this survey.' });
  // A section hidden by earlier answers (an old bookmark, the back button after a change): go to one that is shown.
  if (!shownSectionIndexes(definition, view.answers).includes(index)) redirect(303, firstSectionHref(answering, view));
  const section = definition.sections[index]!;
  const shown = visibility(definition, view.answers).questions;
  const previous = previousSectionIndex(definition, view.answers, index);
  return {
    view,
    section: { ...section, questions: section.questions.filter((q) => shown.has(q.id)) },
    values: formValuesFor(section, view.answers),
    progress: progress(definition, view.answers, index),
    back: previous === undefined ? answering.start : `${answering.base}/section/${definition.sections[previous]!.id}`,
    base: answering.base,
  };
}

/** Saves a section; `then` says where to go after: the next section (or checking), or "saved for later". */
export async function saveSection(answering: Answering, request: Request, sectionId: string, then: 'next' | 'later') {
  const form = await request.formData();
  const view = await readView(answering);
  if (view.submitted) redirect(303, `${answering.base}/done`);
  const section = view.survey.definition.sections.find((s) => s.id === sectionId);
  if (!section) error(404, { message: 'There is no such page in this survey.' });
  const values = formToValues(form);
  let next: string | null;
  try {
    next = (await answering.client.saveSection(sectionId, sectionFromForm(section, (name) => form.getAll(name).filter((v): v is string => typeof v === 'string')))).next;
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) return fail(400, { values, errors: Object.keys(e.errors).length ? e.errors : { _: e.problem.title } });
    if (e instanceof ApiError && e.status === 409) {
      if (/sent already/.test(e.problem.title)) redirect(303, `${answering.base}/done`);
      return fail(409, { values, errors: { _: e.problem.title } });
    }
    throw e;
  }
  if (then === 'later') redirect(303, `${answering.base}/later`);
  redirect(303, next ? `${answering.base}/section/${next}` : `${answering.base}/check`);
}

export interface CheckRow {
  questionId: string;
  label: string;
  answer: string;
}

export async function loadCheck(answering: Answering) {
  const view = await readView(answering);
  if (view.submitted) redirect(303, `${answering.base}/done`);
  const definition = view.survey.definition;
  const answers = pruneHidden(definition, view.answers);
  const shown = visibility(definition, answers);
  const sections = definition.sections
    .filter((s) => shown.sections.has(s.id))
    .map((s) => ({
      id: s.id,
      title: s.title,
      href: `${answering.base}/section/${s.id}`,
      rows: s.questions
        .filter((q) => shown.questions.has(q.id))
        .map((q): CheckRow => ({ questionId: q.id, label: q.label, answer: describeAnswer(q, answers) || 'Not answered' })),
    }));
  const missing = unansweredRequired(definition, answers).map((m) => ({
    message: `Answer “${m.question.label}”`,
    href: `${answering.base}/section/${definition.sections[m.sectionIndex]!.id}#q_${m.question.id}`,
  }));
  return { view, sections, missing, base: answering.base };
}

export async function submitAnswers(answering: Answering, done: string) {
  try {
    await answering.client.submit();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 400 || e.status === 409)) {
      return fail(e.status, { errors: Object.keys(e.errors).length ? e.errors : { _: e.problem.title } });
    }
    if (e instanceof ApiError && e.status === 404) redirect(303, `${answering.start}?missing=1`);
    throw e;
  }
  redirect(303, done);
}

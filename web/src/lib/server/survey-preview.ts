import type { Cookies } from '@sveltejs/kit';
import { secureCookie, underPath } from './cookies';
import { pruneHidden, type Answers } from '@pv/shared/survey-answers';
import { allQuestions, freeTextTypes, type SurveyDefinition } from '@pv/shared/survey.schema';

/**
 * An officer's preview of a survey keeps its answers in a short-lived cookie on the preview's own
 * path, never in the API: nothing entered in a preview is saved anywhere. A cookie holds about 4 KB,
 * so when the answers are longer, long text is shortened first and then left out: only choices
 * decide which sections come next, and those are always kept.
 */

const MAX_COOKIE = 3_600;
const nameOf = (surveyId: string) => secureCookie(`pv_preview_${surveyId}`);
export const previewPath = (surveyId: string) => `/officer/surveys/${surveyId}/preview`;

export function previewAnswers(cookies: Cookies, surveyId: string): Answers {
  const raw = cookies.get(nameOf(surveyId));
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Answers) : {};
  } catch {
    return {};
  }
}

function encode(answers: Answers): string {
  return Buffer.from(JSON.stringify(answers), 'utf8').toString('base64url');
}

/** The answers, made small enough for a cookie: text answers are shortened, then left out, if need be. */
export function fitForCookie(definition: SurveyDefinition, answers: Answers): string {
  let packed = encode(answers);
  if (packed.length <= MAX_COOKIE) return packed;
  const text = new Set(allQuestions(definition).filter((q) => freeTextTypes.includes(q.type)).map((q) => q.id));
  const isText = (key: string) => key.endsWith('.other') || text.has(key);
  const shortened = Object.fromEntries(
    Object.entries(answers).map(([k, v]) => [k, isText(k) && typeof v === 'string' && v.length > 60 ? `${v.slice(0, 60)}…` : v]),
  ) as Answers;
  packed = encode(shortened);
  if (packed.length <= MAX_COOKIE) return packed;
  return encode(Object.fromEntries(Object.entries(shortened).filter(([k]) => !isText(k))) as Answers);
}

export function keepPreviewAnswers(cookies: Cookies, surveyId: string, definition: SurveyDefinition, answers: Answers): void {
  cookies.set(nameOf(surveyId), fitForCookie(definition, pruneHidden(definition, answers)), underPath(previewPath(surveyId), 3600, 'strict'));
}

export function forgetPreviewAnswers(cookies: Cookies, surveyId: string): void {
  cookies.delete(nameOf(surveyId), underPath(previewPath(surveyId)));
}

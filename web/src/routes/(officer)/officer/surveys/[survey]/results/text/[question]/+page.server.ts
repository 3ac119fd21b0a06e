import { dayText } from '@pv/shared/dates';
import { error } from '@sveltejs/kit';
import { freeTextTypes, responseChannelLabels } from '@pv/shared/survey.schema';
import { ApiError } from '$lib/server/api';
import { loadFailure, orFail } from '$lib/server/officer';
import { officerSurvey, questionIdOf, surveyHref } from '$lib/server/survey-staff';
import type { PageServerLoad } from './$types';

/**
 * The free-text answers to one question, a page at a time (the API's cursor), with a search. The
 * API searches as it reads, a few hundred answers at a time, so a page of a search can be short (or
 * empty) and still have a next page.
 */
const PAGE_SIZE = 20;


/** The text in pieces, the parts that match the search marked (case ignored). */
function marked(text: string, search: string): { text: string; match: boolean }[] {
  if (!search) return [{ text, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  const lower = text.toLowerCase();
  const needle = search.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(needle); i >= 0 && needle; i = lower.indexOf(needle, at)) {
    if (i > at) parts.push({ text: text.slice(at, i), match: false });
    parts.push({ text: text.slice(i, i + needle.length), match: true });
    at = i + needle.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId, surveyId, survey } = await officerSurvey(locals, url, params.survey);
  const questionId = questionIdOf(params.question);
  const question = survey.definition.sections.flatMap((s) => s.questions).find((q) => q.id === questionId);
  if (!question || !freeTextTypes.includes(question.type)) error(404, { message: 'There is no text question at this address.' });

  const search = (url.searchParams.get('search') ?? '').trim().slice(0, 100);
  const rawCursor = url.searchParams.get('cursor') ?? '';
  const cursor = rawCursor && rawCursor.length <= 600 ? rawCursor : undefined;
  const pageNumber = Math.min(Math.max(Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1, 1), 100_000);
  const here = `${surveyHref(surveyId)}/results/text/${questionId}`;
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams({ ...(search ? { search } : {}), ...extra });
    const s = q.toString();
    return s ? `${here}?${s}` : here;
  };

  const results = await orFail(client.surveyResults(tenantId, surveyId), url);
  const answered = results.questions.find((q) => q.questionId === questionId)?.answered ?? 0;
  let page: Awaited<ReturnType<typeof client.textAnswers>>;
  try {
    page = await client.textAnswers(tenantId, surveyId, questionId, { cursor, search: search || undefined, limit: PAGE_SIZE });
  } catch (e) {
    // A page link that is out of date or was changed by hand: say so, and offer the first page.
    if (e instanceof ApiError && e.status === 400) {
      return { survey: { id: survey.id, title: survey.title }, base: surveyHref(surveyId), here, question: { id: questionId, label: question.label }, answered, search, pageNumber, items: [], next: undefined, first: query({}), problem: e.problem.title };
    }
    return loadFailure(e, url);
  }
  return {
    survey: { id: survey.id, title: survey.title },
    base: surveyHref(surveyId),
    here,
    question: { id: questionId, label: question.label },
    answered,
    search,
    pageNumber,
    items: page.items.map((item) => ({
      id: item.id,
      parts: marked(item.text, search),
      day: dayText(item.day),
      channel: responseChannelLabels[item.channel] ?? item.channel,
    })),
    next: page.next ? query({ cursor: page.next, page: String(pageNumber + 1) }) : undefined,
    first: cursor ? query({}) : undefined,
    problem: undefined as string | undefined,
  };
};

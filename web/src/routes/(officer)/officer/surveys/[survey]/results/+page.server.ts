import { dayText } from '@pv/shared/dates';
import type { TenantConfig } from '@pv/shared/config.schema';
import {
  freeTextTypes,
  questionTypeLabels,
  responseChannelLabels,
  responseChannels,
  type QuestionResult,
  type ResultsQuery,
  type ShownCount,
  type SurveyResults,
} from '@pv/shared/survey.schema';
import { orFail } from '$lib/server/officer';
import { officerSurvey, surveyHref } from '$lib/server/survey-staff';
import type { PageServerLoad } from './$types';

/**
 * Results from the API's counters: per question counts and percentages, means, ranking positions,
 * responses by day. One filter at a time (how they answered, hub network or group), chosen in one
 * select so a GET form without JavaScript can't ask for two. Under a group filter the API hides
 * counts under the partnership's threshold (null); they read "fewer than 5" here.
 */

interface FilterOption {
  value: string;
  label: string;
}

function filterChoices(config: TenantConfig) {
  const active = <T extends { status: string; order: number }>(items: T[]) => items.filter((i) => i.status === 'active').sort((a, b) => a.order - b.order);
  return [
    { label: 'How they answered', options: responseChannels.map((c): FilterOption => ({ value: `channel:${c}`, label: responseChannelLabels[c] })) },
    { label: 'Hub network', options: active(config.hubNetwork).map((n): FilterOption => ({ value: `network:${n.id}`, label: n.name })) },
    { label: 'Group (small numbers are hidden)', options: active(config.group).map((g): FilterOption => ({ value: `group:${g.id}`, label: g.name })) },
  ].filter((g) => g.options.length);
}

/** The one filter from `?filter=kind:id`; anything not on the list means all responses. */
function readFilter(url: URL, choices: ReturnType<typeof filterChoices>): { value: string; query: ResultsQuery } {
  const value = url.searchParams.get('filter') ?? '';
  if (!choices.some((g) => g.options.some((o) => o.value === value))) return { value: '', query: {} };
  const [kind, id] = value.split(':') as [string, string];
  if (kind === 'channel') return { value, query: { channel: id as ResultsQuery['channel'] } };
  if (kind === 'network') return { value, query: { networkId: id } };
  return { value, query: { groupId: id } };
}

const percentText = (p: number) => `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const shortDay = (day: string) => dayText(day, 'short');

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Every day from the first to the last, so quiet days show as days too. Under a group filter a day
 * the counters never saw is hidden like any small count, so which days are listed says nothing.
 */
function everyDay(results: SurveyResults, from: string | undefined, to: string): { day: string; count: ShownCount }[] {
  const known = new Map(results.byDay.map((d) => [d.day, d.count]));
  const first = [from, results.byDay[0]?.day].filter((d): d is string => Boolean(d)).sort()[0];
  const last = [to, results.byDay.at(-1)?.day].filter((d): d is string => Boolean(d)).sort().at(-1);
  if (!first || !last) return [];
  const days: { day: string; count: ShownCount }[] = [];
  for (let day = first; day <= last && days.length < 400; day = addDays(day, 1)) {
    days.push({ day, count: known.has(day) ? known.get(day)! : results.suppressed ? null : 0 });
  }
  return days;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId, surveyId, survey } = await officerSurvey(locals, url, params.survey);
  const config = await orFail(client.config(tenantId), url);
  const choices = filterChoices(config);
  const filter = readFilter(url, choices);
  const results = await orFail(client.surveyResults(tenantId, surveyId, filter.query), url);
  const fewer = `fewer than ${results.threshold}`;
  const countText = (n: ShownCount) => (n === null ? fewer : n.toLocaleString('en-GB'));
  const base = surveyHref(surveyId);

  const definitions = new Map(survey.definition.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  /** A rating's ends in words: "1 (Very poor)" … "5 (Very good)". */
  const optionLabel = (q: QuestionResult, value: string, label: string) => {
    const d = definitions.get(q.questionId);
    if (d?.type !== 'rating') return label;
    if (value === '1') return `1 (${d.lowLabel})`;
    if (value === String(d.points)) return `${d.points} (${d.highLabel})`;
    return label;
  };

  const question = (q: QuestionResult) => {
    const answered = q.answered;
    const answeredText = answered === null ? `${fewer} people answered` : `${plural(answered, 'person', 'people')} answered`;
    const hiddenMean = results.suppressed && answered === null;
    const meanText = (mean: number | null | undefined, say: (m: number) => string) =>
      mean === null || mean === undefined ? (hiddenMean ? `Not shown: ${fewer} answers` : 'No answers yet') : say(mean);
    const options = q.options?.map((o) => ({
      label: optionLabel(q, o.value, o.label),
      count: countText(o.count),
      percent: o.percent === null ? (answered === 0 ? '–' : 'not shown') : percentText(o.percent),
      // The chart: shares when every share is known, else the counts that are shown.
      percentValue: o.percent ?? undefined,
      countValue: o.count ?? undefined,
    }));
    const sharesKnown = options?.every((o) => o.percentValue !== undefined) ?? false;
    return {
      id: q.questionId,
      label: q.label,
      type: q.type,
      typeLabel: questionTypeLabels[q.type],
      answered: answeredText,
      options: options?.map((o) => ({
        label: o.label,
        count: o.count,
        percent: o.percent,
        bar: sharesKnown
          ? { value: o.percentValue, text: `${o.percent} (${o.count})` }
          : { value: o.countValue, text: o.countValue === undefined ? fewer : o.count },
      })),
      chartBy: sharesKnown ? ('share' as const) : ('count' as const),
      anyAnswers: answered !== 0,
      mean:
        q.type === 'rating'
          ? meanText(q.mean, (m) => `Average (mean) rating: ${m} out of ${q.options?.length ?? ''}`)
          : q.type === 'number'
            ? meanText(q.mean, (m) => `Average (mean) answer: ${m.toLocaleString('en-GB')}`)
            : undefined,
      ranks: q.ranks
        ?.map((r) => ({ label: r.label, position: r.meanPosition }))
        .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity))
        .map((r) => ({ label: r.label, position: r.position === null ? (hiddenMean ? 'not shown' : '–') : String(r.position) })),
      textHref: freeTextTypes.includes(q.type) ? `${base}/results/text/${q.questionId}` : undefined,
    };
  };

  const today = new Date().toISOString().slice(0, 10);
  const days = everyDay(results, survey.publishedAt?.slice(0, 10), survey.closesOn < today ? survey.closesOn : today);
  return {
    survey: { id: survey.id, title: survey.title, status: survey.effectiveStatus, audience: survey.audience },
    base,
    filter: { value: filter.value, label: results.filterLabel, on: filter.value !== '' },
    choices,
    suppressed: results.suppressed,
    threshold: results.threshold,
    responses: results.responses === null ? `${fewer} responses` : plural(results.responses, 'response'),
    noResponses: results.responses === 0,
    questions: results.questions.map(question),
    days: days.map((d) => ({ day: d.day, label: shortDay(d.day), count: d.count, text: countText(d.count) })),
  };
};

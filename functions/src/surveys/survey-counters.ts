import type { ResponseChannel, SurveyDefinition } from '@pv/shared/survey.schema';
import type { Answers } from '@pv/shared/survey-answers';

/**
 * What one response adds to a survey's counters. Every response is counted in several slices (all
 * responses, its channel, its hub network, each of its groups) so the results page can filter
 * without reading a single response. Within a slice, one attribute per thing counted:
 *
 * | attribute          | adds                                            |
 * |--------------------|-------------------------------------------------|
 * | `n`                | 1 (responses)                                   |
 * | `d_<yyyy-mm-dd>`   | 1 (responses that day)                          |
 * | `a_<q>`            | 1 when question q was answered                  |
 * | `o_<q>_<value>`    | 1 per chosen option, yes/no or rating point     |
 * | `r_<q>_<option>`   | the position (1 = first) given to an option     |
 * | `s_<q>`            | a number answer (for the mean)                  |
 */
export interface CountedResponse {
  day: string;
  channel: ResponseChannel;
  networkId?: string;
  groups: string[];
  answers: Answers;
}

export const answeredAttribute = (q: string) => `a_${q}`;
export const optionAttribute = (q: string, value: string) => `o_${q}_${value}`;
export const rankAttribute = (q: string, option: string) => `r_${q}_${option}`;
export const sumAttribute = (q: string) => `s_${q}`;
export const dayAttribute = (day: string) => `d_${day}`;

export function slicesFor(response: Pick<CountedResponse, 'channel' | 'networkId' | 'groups'>): string[] {
  return ['ALL', `CHANNEL#${response.channel}`, ...(response.networkId ? [`NETWORK#${response.networkId}`] : []), ...response.groups.map((g) => `GROUP#${g}`)];
}

export function counterDeltas(definition: SurveyDefinition, response: Pick<CountedResponse, 'day' | 'answers'>): Map<string, number> {
  const deltas = new Map<string, number>([
    ['n', 1],
    [dayAttribute(response.day), 1],
  ]);
  for (const section of definition.sections) {
    for (const q of section.questions) {
      const value = response.answers[q.id];
      if (value === undefined || q.type === 'equality') continue;
      deltas.set(answeredAttribute(q.id), 1);
      switch (q.type) {
        case 'single':
        case 'yes-no':
        case 'rating':
          deltas.set(optionAttribute(q.id, String(value)), 1);
          break;
        case 'multiple':
          for (const v of value as string[]) deltas.set(optionAttribute(q.id, v), 1);
          break;
        case 'ranking':
          (value as string[]).forEach((option, i) => deltas.set(rankAttribute(q.id, option), i + 1));
          break;
        case 'number':
          deltas.set(sumAttribute(q.id), value as number);
          break;
        default:
          break;
      }
    }
  }
  return deltas;
}

/** Adds one response's deltas into a slice → totals map (the recount's way; the live way is ADD). */
export function addInto(totals: Map<string, Map<string, number>>, definition: SurveyDefinition, response: CountedResponse): void {
  const deltas = counterDeltas(definition, response);
  for (const slice of slicesFor(response)) {
    const t = totals.get(slice) ?? new Map<string, number>();
    for (const [k, v] of deltas) t.set(k, (t.get(k) ?? 0) + v);
    totals.set(slice, t);
  }
}

import { addRecord, keyOf } from '@pv/shared/cell-key';
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
 *
 * Key sums (the cell key method, `shared/src/cell-key.ts`). Every attribute that counts responses —
 * `n`, `d_<day>`, `a_<q>`, `o_<q>_<value>` — keeps beside it `<attribute>~k`, the sum of the record
 * keys of the responses it counts, moved by the same `ADD`, so any survey count can be published by
 * `perturb` + `shown` beyond officers. `r_<q>_<option>` and `s_<q>` get none: they add up positions
 * and numbers people gave, not people, so no p-table applies to them; the number of people behind
 * them is `a_<q>`, which has its key sum (a mean published beyond officers would divide by that
 * count's published value, or not be shown). A response stored before record keys existed counts
 * with key 0 (`keyOf`), live and in a recount alike.
 */
export interface CountedResponse {
  day: string;
  channel: ResponseChannel;
  networkId?: string;
  groups: string[];
  answers: Answers;
  /** The response's record key (0–255); absent on responses stored before keys existed. */
  recordKey?: number;
}

export const answeredAttribute = (q: string) => `a_${q}`;
export const optionAttribute = (q: string, value: string) => `o_${q}_${value}`;
export const rankAttribute = (q: string, option: string) => `r_${q}_${option}`;
export const sumAttribute = (q: string) => `s_${q}`;
export const dayAttribute = (day: string) => `d_${day}`;

export function slicesFor(response: Pick<CountedResponse, 'channel' | 'networkId' | 'groups'>): string[] {
  return ['ALL', `CHANNEL#${response.channel}`, ...(response.networkId ? [`NETWORK#${response.networkId}`] : []), ...response.groups.map((g) => `GROUP#${g}`)];
}

/** Each counted attribute's key sum is named `keyName(attribute)`, e.g. `o_rating_5~k`. */
export function counterDeltas(definition: SurveyDefinition, response: Pick<CountedResponse, 'day' | 'answers' | 'recordKey'>): Map<string, number> {
  // Attributes that count this response once each (a Set: a choice listed twice is still one person).
  const counted = new Set<string>(['n', dayAttribute(response.day)]);
  // Attributes that add up what the response said (positions, numbers): not counts of people.
  const sums = new Map<string, number>();
  for (const section of definition.sections) {
    for (const q of section.questions) {
      const value = response.answers[q.id];
      if (value === undefined || q.type === 'equality') continue;
      counted.add(answeredAttribute(q.id));
      switch (q.type) {
        case 'single':
        case 'yes-no':
        case 'rating':
          counted.add(optionAttribute(q.id, String(value)));
          break;
        case 'multiple':
          for (const v of value as string[]) counted.add(optionAttribute(q.id, v));
          break;
        case 'ranking':
          (value as string[]).forEach((option, i) => sums.set(rankAttribute(q.id, option), i + 1));
          break;
        case 'number':
          sums.set(sumAttribute(q.id), value as number);
          break;
        default:
          break;
      }
    }
  }
  // Each count is followed by its key sum, so the two usually land in the same counter item.
  const deltas = new Map<string, number>();
  addRecord(deltas, counted, keyOf(response), 1);
  for (const [attribute, by] of sums) deltas.set(attribute, by);
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

import { describe, expect, it } from 'vitest';
import { listSurveys, results } from '../../../functions/src/surveys/surveys.service.ts';
import { recountSurvey } from '../../../functions/src/surveys/recount.service.ts';
import { readCounters } from '../../../functions/src/surveys/surveys.repository.ts';

describe('the demo survey', () => {
  it('is open in Nottinghamshire with 60 answers whose counters equal a recount', async () => {
    const [survey] = (await listSurveys('notts')).filter((s) => s.title.startsWith('Your Family Hub: what works'));
    expect(survey).toBeDefined();
    expect(survey!.effectiveStatus).toBe('open');
    expect(survey!.responseCount).toBe(60);
    const page = await results('notts', survey!.id, {});
    expect(page.questions.find((q) => q.questionId === 'welcome')!.mean).toBeGreaterThan(2);
    // Officers see exact counts: the key sums beside them change nothing on the results page.
    expect(page.responses).toBe(60);
    const live = (await readCounters('notts', survey!.id)).slices;
    const recount = await recountSurvey('notts', survey!.id);
    // Every slice, counts and key sums alike (the seeded responses were given record keys when submitted).
    expect(live.get('ALL')!.get('n~k')).toBeGreaterThan(0);
    const flat = (m: Map<string, Map<string, number>>) => [...m].flatMap(([slice, attrs]) => [...attrs].filter(([, v]) => v !== 0).map(([k, v]) => `${slice}|${k}=${v}`)).sort();
    expect(flat(live)).toEqual(flat(recount));
  });
});

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
    const live = (await readCounters('notts', survey!.id)).slices;
    const recount = await recountSurvey('notts', survey!.id);
    expect([...live.get('ALL')!].sort()).toEqual([...recount.get('ALL')!].sort());
  });
});

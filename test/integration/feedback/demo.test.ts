import { describe, expect, it } from 'vitest';
import { listActions, publicLog } from '../../../functions/src/actions/actions.service.ts';
import { liveFeedbackCounters, liveThemeCounts, recountFeedback, recountThemes } from '../../../functions/src/feedback/recount.service.ts';
import { listThemes } from '../../../functions/src/feedback/themes.service.ts';
import { triageQueue } from '../../../functions/src/feedback/triage.service.ts';

describe('the demo feedback', () => {
  it('gives Nottinghamshire hundreds of comments, themes and actions at each status, with counters equal to a recount', async () => {
    const queue = await triageQueue('notts', { status: 'new', limit: 20 });
    expect(queue.counts.reviewed).toBeGreaterThan(200);
    expect(queue.counts.untagged).toBeGreaterThan(60);
    expect(queue.items.some((i) => i.suggestions.length > 0)).toBe(true);
    const themes = await listThemes('notts');
    expect(themes.length).toBeGreaterThanOrEqual(6);
    expect(themes.every((t) => t.size !== null)).toBe(true);
    const log = await publicLog('notts', { limit: 20 });
    expect(log.items.map((a) => a.status).sort()).toEqual(['done', 'in-progress', 'not-doing', 'planned']);
    expect(log.counts).toMatchObject({ actions: 4, done: 1 });
    expect(log.counts.feedback).toBeGreaterThan(300);
    const waiting = (await listActions('notts', 50)).items.filter((a) => a.state === 'awaiting-approval');
    expect(waiting).toHaveLength(1);
    expect(await liveFeedbackCounters('notts')).toEqual(await recountFeedback('notts'));
    expect(await liveThemeCounts('notts')).toEqual(await recountThemes('notts'));
  });
});

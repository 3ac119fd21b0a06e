import { describe, expect, it } from 'vitest';
import type { VoiceGroup } from '@pv/shared/insight.schema';
import { gaps } from '../../../functions/src/insight/insight.views.ts';

const group = (groupId: string, name: string, share: number | null, baseline: number): VoiceGroup => ({
  groupId,
  name,
  feedback: share === null ? { count: null, sharePercent: null } : { count: 40, sharePercent: share },
  baselinePercent: baseline,
  byPriority: [{ priorityId: 'parents-mental-health', name: "Parents' mental health", feedback: { count: 9, sharePercent: 4 }, baselinePercent: baseline }],
  byNetwork: ['Ashfield', 'Bassetlaw', 'Gedling', 'Mansfield'].map((n) => ({ networkId: n.toLowerCase(), name: n, feedback: { count: null, sharePercent: null }, baselinePercent: baseline })),
});

describe('whose voice is missing, in words', () => {
  it('names the biggest gaps first, in plain words, at most two a group', () => {
    const out = gaps([group('dads-partners', 'Dads and partners', 10, 45), group('young-parents', 'Young parents', 1, 12), group('send', 'Parents of SEND children', 30, 20)], 5);
    expect(out[0]!.groupId).toBe('dads-partners');
    expect(out.map((g) => g.text)).toContain('Young parents gave 1% of feedback overall; they are about 12% of parents.');
    expect(out.filter((g) => g.groupId === 'dads-partners')).toHaveLength(2);
    expect(out.some((g) => g.groupId === 'young-parents')).toBe(true);
    // Heard more than its share overall is not a gap (only where it is under half its share).
    expect(out.some((g) => g.text.startsWith('Parents of SEND children gave 30%'))).toBe(false);
    expect(out.find((g) => g.text.includes('fewer than 5'))?.text).toMatch(/^(Dads and partners|Young parents|Parents of SEND children) gave fewer than 5 comments in \w+; they are about \d+% of parents\.$/);
  });
});

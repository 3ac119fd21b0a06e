import { describe, expect, it } from 'vitest';
import { keywordList, suggestPriorities } from '@pv/shared/priority-matcher';

const priorities = [
  { id: 'mental-health', keywords: 'mental health\nanxious\nlonely\nwaiting list\ndepress*' },
  { id: 'early-years', keywords: 'speech, play\nstay and play\nnursery' },
  { id: 'none' },
];

describe('the priority matcher', () => {
  it('suggests priorities with the words that matched, most matches first', () => {
    expect(suggestPriorities('I was so ANXIOUS and lonely; the waiting-list for speech therapy was long.', priorities)).toEqual([
      { priorityId: 'mental-health', because: ['anxious', 'lonely', 'waiting list'] },
      { priorityId: 'early-years', because: ['speech'] },
    ]);
  });

  it('matches whole words only, plurals, and endings after a *', () => {
    expect(suggestPriorities('Playgroups and displays', priorities)).toEqual([]);
    // Only -s and -es plurals: "nurseries" needs "nurser*" in the list.
    expect(suggestPriorities('More nurseries please', priorities)).toEqual([]);
    expect(suggestPriorities('Nurserys near us', priorities)[0]?.because).toEqual(['nursery']);
    expect(suggestPriorities('I felt depressed after', priorities)[0]).toEqual({ priorityId: 'mental-health', because: ['depress*'] });
    expect(suggestPriorities('Stay and play sessions', priorities)[0]).toEqual({ priorityId: 'early-years', because: ['play', 'stay and play'] });
  });

  it('skips priorities already tagged or turned down, and ignores empty lists', () => {
    expect(suggestPriorities('anxious', priorities, ['mental-health'])).toEqual([]);
    expect(keywordList(' a \n\n, ;  b c ')).toEqual(['b c']);
    expect(suggestPriorities('', priorities)).toEqual([]);
  });
});

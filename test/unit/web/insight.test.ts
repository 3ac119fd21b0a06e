import { describe, expect, it } from 'vitest';
import { resolvePeriod, type InsightHeatmap, type InsightTheme } from '@pv/shared/insight.schema';
import {
  cellText,
  compactRows,
  growthText,
  insightSearch,
  loopSentence,
  monthInWords,
  monthsInWords,
  sortThemes,
  withoutCommonEnding,
} from '../../../web/src/lib/insight.ts';
import { heatmapCsv } from '../../../web/src/lib/server/insight-csv.ts';

describe('partner insight in words', () => {
  it('writes a hidden count as words: fewer than the threshold, or hidden so a small one cannot be worked out', () => {
    expect(cellText({ count: 1234 }, 5)).toBe('1,234');
    expect(cellText({ count: 0 }, 5)).toBe('0');
    expect(cellText({ count: null, hidden: 'small' }, 10)).toBe('fewer than 10');
    expect(cellText({ count: null, hidden: 'secondary' }, 5)).toBe('hidden');
  });

  it('says how a theme changed, and "not known" when a number behind it is hidden', () => {
    expect(growthText(25, { count: 8 })).toBe('Up 25%');
    expect(growthText(-10.25, { count: 8 })).toBe('Down 10.3%');
    expect(growthText(0, { count: 8 })).toBe('No change');
    expect(growthText(null, { count: 0 })).toBe('New in this period');
    expect(growthText(null, { count: null, hidden: 'small' })).toBe('Not known');
  });

  it('says how many themes have a published action, one or many', () => {
    expect(loopSentence({ themes: 2, answered: 1, ratePercent: 50 })).toBe('1 of 2 themes with feedback in this period has a published action (50%).');
    expect(loopSentence({ themes: 4, answered: 3, ratePercent: 75 })).toBe('3 of 4 themes with feedback in this period have a published action (75%).');
    expect(loopSentence({ themes: 0, answered: 0, ratePercent: null })).toBe('No themes have feedback from this period yet.');
  });

  it('puts only what the kind of period needs in links, and nothing for the last 12 months', () => {
    const values = { period: 'quarter', year: '2026', quarter: '2', from: '2025-01', to: '' };
    expect(insightSearch(values, { priority: 'mental-health', network: undefined })).toBe('?period=quarter&year=2026&quarter=2&priority=mental-health');
    expect(insightSearch({ ...values, period: 'custom', to: '2025-06' })).toBe('?period=custom&from=2025-01&to=2025-06');
    expect(insightSearch({ ...values, period: 'last-12-months' })).toBe('');
  });

  it('sorts themes biggest or fastest growing first, hidden numbers last in name order (their order says nothing)', () => {
    const theme = (name: string, count: number | null, growthPercent: number | null) => ({ name, size: count === null ? { count, hidden: 'small' as const } : { count }, growthPercent });
    const themes = [theme('b', null, null), theme('c', 9, 50), theme('a', null, null), theme('d', 20, -10)];
    expect(sortThemes(themes, 'size').map((t) => t.name)).toEqual(['d', 'c', 'a', 'b']);
    expect(sortThemes(themes, 'growth').map((t) => t.name)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('drops the words every column name ends with, and keeps names that share none', () => {
    expect(withoutCommonEnding(['Ashfield Family Hub Network', 'Newark and Sherwood Family Hub Network'])).toEqual({ names: ['Ashfield', 'Newark and Sherwood'], ending: 'Family Hub Network' });
    expect(withoutCommonEnding(['Mansfield town', 'Forest Town', 'Warsop'])).toEqual({ names: ['Mansfield town', 'Forest Town', 'Warsop'], ending: '' });
    // A name that is nothing but the ending is never emptied.
    expect(withoutCommonEnding(['Network', 'Big Network']).ending).toBe('');
  });

  it('puts the rows under the threshold on one line and keeps the others, hidden ones included', () => {
    const rows = [
      { name: 'Arnold', cell: { count: null, hidden: 'small' as const } },
      { name: 'Worksop', cell: { count: 6 } },
      { name: 'Beeston', cell: { count: null, hidden: 'secondary' as const } },
      { name: 'Eastwood', cell: { count: null, hidden: 'small' as const } },
    ];
    const { shown, small } = compactRows(rows);
    expect(shown.map((r) => r.name)).toEqual(['Worksop', 'Beeston']);
    expect(small).toEqual(['Arnold', 'Eastwood']);
  });

  it('describes a month chart in words, without the hidden months’ numbers', () => {
    const points = [
      { label: 'Apr 2026', cell: { count: 12 } },
      { label: 'May 2026', cell: { count: null, hidden: 'small' as const } },
      { label: 'Jun 2026', cell: { count: 7 } },
    ];
    expect(monthsInWords(points, { count: 21 }, 5, 'April 2026 to June 2026')).toBe(
      'Comments each month, April 2026 to June 2026: 21 in all. Most in Apr 2026 (12), fewest in Jun 2026 (7). 1 month is hidden because the numbers are small.',
    );
    expect(monthInWords('2026-11')).toBe('November 2026');
  });
});

describe('the heatmap as CSV', () => {
  const view: InsightHeatmap = {
    period: resolvePeriod({ period: 'year', year: 2026 }, '2026-11-30'),
    threshold: 5,
    readAt: '2026-11-30T18:00:00.000Z',
    scope: { kind: 'networks' },
    columns: [
      { id: 'mansfield', name: 'Mansfield', total: { count: 14 } },
      { id: 'broxtowe', name: '=Broxtowe', total: { count: null, hidden: 'small' } },
    ],
    rows: [
      {
        priorityId: 'mental-health',
        name: "Parents' mental health",
        total: { count: null, hidden: 'secondary' },
        cells: [
          { count: 14, sharePercent: 100, level: 4 },
          { count: null, hidden: 'small', sharePercent: null, level: 0 },
        ],
      },
    ],
    total: { count: 17 },
  };

  it('starts with a byte-order mark and a line saying the period and that small numbers are hidden, and writes hidden cells as words', () => {
    const csv = heatmapCsv('Notts', view);
    expect(csv.startsWith('\uFEFF"Partnership insight: comments by priority and hub networks – Notts – April 2026 to March 2027. Numbers under 5 are hidden')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toContain('"priority","Mansfield","Mansfield: share of its feedback (%)","\'=Broxtowe","\'=Broxtowe: share of its feedback (%)","all"');
    expect(lines).toContain('"Parents\' mental health","14","100","fewer than 5","","hidden"');
    expect(lines).toContain('"all priorities","14","","fewer than 5","","17"');
  });
});

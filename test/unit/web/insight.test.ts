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
import { csvName, heatmapCsv, heatmapName, themesCsv } from '../../../web/src/lib/server/insight-csv.ts';

describe('partner insight in words', () => {
  it('writes a count under the threshold as "fewer than" the partnership’s threshold, whatever the reason', () => {
    expect(cellText({ count: 1234 }, 5)).toBe('1,234');
    expect(cellText({ count: 0 }, 5)).toBe('0');
    expect(cellText({ count: null }, 10)).toBe('fewer than 10');
    expect(cellText({ count: null, sharePercent: null }, 5)).toBe('fewer than 5');
  });

  it('says how a theme changed, and "not known" when a number behind it is hidden', () => {
    expect(growthText(25, { count: 8 })).toBe('Up 25%');
    expect(growthText(-10.25, { count: 8 })).toBe('Down 10.3%');
    expect(growthText(0, { count: 8 })).toBe('No change');
    expect(growthText(null, { count: 0 })).toBe('New in this period');
    expect(growthText(null, { count: null })).toBe('Not known');
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

  it('sorts themes biggest or fastest growing first, numbers under the threshold last in name order (their order says nothing)', () => {
    const theme = (name: string, count: number | null, growthPercent: number | null) => ({ name, size: { count }, growthPercent });
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

  it('puts every row under the threshold on one line and keeps the others, zeros included', () => {
    const rows = [
      { name: 'Arnold', cell: { count: null } },
      { name: 'Worksop', cell: { count: 6 } },
      { name: 'Beeston', cell: { count: 0 } },
      { name: 'Eastwood', cell: { count: null, sharePercent: null } },
    ];
    const { shown, small } = compactRows(rows);
    expect(shown.map((r) => r.name)).toEqual(['Worksop', 'Beeston']);
    expect(small).toEqual(['Arnold', 'Eastwood']);
  });

  it('describes a month chart in words, saying only "fewer than" for the months under the threshold', () => {
    const points = [
      { label: 'Apr 2026', cell: { count: 12 } },
      { label: 'May 2026', cell: { count: null } },
      { label: 'Jun 2026', cell: { count: 7 } },
    ];
    expect(monthsInWords(points, { count: 21 }, 5, 'April 2026 to June 2026')).toBe(
      'Comments each month, April 2026 to June 2026: 21 in all. Most in Apr 2026 (12), fewest in Jun 2026 (7). 1 month has fewer than 5.',
    );
    expect(monthsInWords([...points, { label: 'Jul 2026', cell: { count: null } }], { count: 24 }, 10, 'April 2026 to July 2026')).toContain('2 months have fewer than 10.');
    expect(monthInWords('2026-11')).toBe('November 2026');
  });
});

describe('the partner views as CSV', () => {
  const about = { partnership: 'Notts', protectionUrl: 'https://parentvoice.example/notts/how-we-protect-these-numbers' };
  const period = resolvePeriod({ period: 'year', year: 2026 }, '2026-11-30');
  const view: InsightHeatmap = {
    period,
    threshold: 5,
    readAt: '2026-11-30T18:00:00.000Z',
    scope: { kind: 'networks' },
    columns: [
      { id: 'mansfield', name: 'Mansfield', total: { count: 14 } },
      { id: 'broxtowe', name: '=Broxtowe', total: { count: null } },
    ],
    rows: [
      {
        priorityId: 'mental-health',
        name: "Parents' mental health",
        total: { count: null },
        cells: [
          { count: 14, sharePercent: 100, level: 4 },
          { count: null, sharePercent: null, level: 0 },
        ],
      },
    ],
    total: { count: 17 },
  };
  const lines = (csv: string) => csv.slice(1).split('\r\n');

  it('starts with a byte-order mark, the period, that numbers are changed by the cell key method, and the full address to read about it', () => {
    const csv = heatmapCsv(about, view);
    expect(csv.startsWith('\uFEFF"Partnership insight: comments by priority and hub networks – Notts – April 2026 to March 2027."')).toBe(true);
    const [, changed, read] = lines(csv);
    expect(changed).toMatch(/^"Every number about people is changed slightly by the cell key method/);
    expect(changed).toContain('A changed number under 5 is left empty');
    expect(read).toBe('"How we protect these numbers: https://parentvoice.example/notts/how-we-protect-these-numbers"');
    expect(csv).not.toMatch(/hidden/i);
  });

  it('writes no words in number columns: a count under the threshold is empty, with "yes" in its own column beside it', () => {
    const csv = lines(heatmapCsv(about, view));
    expect(csv).toContain(
      '"priority","Mansfield","Mansfield: fewer than 5","Mansfield: share of its feedback (%)","\'=Broxtowe","\'=Broxtowe: fewer than 5","\'=Broxtowe: share of its feedback (%)","all","all: fewer than 5"',
    );
    expect(csv).toContain('"Parents\' mental health","14","","100","","yes","","","yes"');
    expect(csv).toContain('"all priorities","14","","","","yes","","17",""');
    const rows = csv.slice(csv.findIndex((l) => l.startsWith('"priority"')) + 1);
    expect(rows.join('\n')).not.toMatch(/fewer|hidden/);
  });

  it('names its flag columns after the partnership’s own threshold', () => {
    const themes: InsightTheme = {
      id: '01J0THEME',
      name: 'Waiting',
      description: '',
      size: { count: 12 },
      previous: { count: null },
      growthPercent: null,
      allTime: { count: 30 },
      priorities: [],
      networks: [],
      groups: [],
      actionStatus: null,
    };
    const csv = lines(themesCsv(about, { period, threshold: 10, readAt: '2026-11-30T18:00:00.000Z', themes: [themes] }));
    const header = csv.find((l) => l.startsWith('"theme"'))!;
    expect(header).toContain('"comments","comments: fewer than 10","comments in April 2025 to March 2026","comments in April 2025 to March 2026: fewer than 10"');
    expect(csv.find((l) => l.startsWith('"Waiting"'))).toContain('"Waiting","","12","","","yes","Not known","","30",""');
  });

  it('gives each view, filter and period a file name of its own (the network and group heatmaps no longer share one)', () => {
    const networks = heatmapName('notts', view);
    const group = heatmapName('notts', { ...view, group: { id: 'dads-partners', name: 'Dads and partners' } });
    const hubs = heatmapName('notts', { ...view, scope: { kind: 'hubs', networkId: 'mansfield', networkName: 'Mansfield' } });
    expect(networks).toBe('notts-heatmap-networks-2026-04-to-2027-03.csv');
    expect(group).toBe('notts-heatmap-networks-group-dads-partners-2026-04-to-2027-03.csv');
    expect(hubs).toBe('notts-heatmap-hubs-mansfield-2026-04-to-2027-03.csv');
    expect(csvName('notts', 'themes', [['priority', 'parents-mental-health'], ['network', '']], view)).toBe('notts-themes-priority-parents-mental-health-2026-04-to-2027-03.csv');
    expect(csvName('notts', 'themes', [['priority', undefined], ['network', 'mansfield']], view)).toBe('notts-themes-network-mansfield-2026-04-to-2027-03.csv');
    const quarter = { ...view, period: resolvePeriod({ period: 'quarter', year: 2026, quarter: 2 }, '2026-11-30') };
    expect(heatmapName('notts', quarter)).toBe('notts-heatmap-networks-2026-07-to-2026-09.csv');
  });
});

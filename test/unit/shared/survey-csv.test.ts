import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { surveyDefinition, type StoredResponse } from '@pv/shared/survey.schema';
import { csvCell } from '@pv/shared/csv';
import { answerCell, csvColumns, responsesCsv } from '@pv/shared/survey-csv';

const definition = surveyDefinition.parse({
  sections: [
    {
      id: 'about',
      title: 'About',
      questions: [
        { id: 'uses-hub', type: 'yes-no', label: 'Have you used a Family Hub?' },
        {
          id: 'services',
          type: 'multiple',
          label: 'Which services have you used?',
          allowOther: true,
          options: [
            { id: 'stay-play', label: 'Stay and play' },
            { id: 'health', label: 'Health visitor clinic' },
          ],
        },
        { id: 'main', type: 'single', label: 'Which do you use most?', options: [{ id: 'stay-play', label: 'Stay and play' }, { id: 'health', label: 'Health visitor clinic' }] },
      ],
    },
    {
      id: 'more',
      title: 'More',
      questions: [
        { id: 'rating', type: 'rating', label: 'How was it?', lowLabel: 'Bad', highLabel: 'Good' },
        { id: 'order', type: 'ranking', label: 'Put these in order', options: [{ id: 'a', label: 'Opening hours' }, { id: 'b', label: 'Parking' }, { id: 'c', label: 'Cafe' }] },
        { id: 'kids', type: 'number', label: 'How many children?' },
        { id: 'when', type: 'date', label: 'When did you last go?' },
        { id: 'better', type: 'long-text', label: 'What would make it better?' },
        { id: 'eq', type: 'equality', label: 'Equality monitoring' },
        { id: 'again', type: 'short-text', label: 'What would make it better?' },
      ],
    },
  ],
});

const names = { hubs: { 'mansfield-town': 'Mansfield town' }, networks: { mansfield: 'Mansfield Family Hub Network' } };

const response = (overrides: Partial<StoredResponse> = {}): StoredResponse => ({
  id: 'r1',
  day: '2026-03-04',
  channel: 'online',
  definitionVersion: 1,
  answers: {},
  ...overrides,
});

/** A minimal RFC 4180 reader, to check the file round-trips. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('csvCell', () => {
  it('quotes every cell and doubles quotes inside', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hello", then go')).toBe('"say ""hello"", then go"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(undefined)).toBe('""');
    expect(csvCell('')).toBe('""');
  });

  it.each(['=1+1', '+44 7700', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', '=HYPERLINK("http://evil.example","click")'])(
    'makes %j plain text for a spreadsheet (OWASP CSV injection)',
    (value) => {
      const cell = csvCell(value);
      expect(cell.startsWith(`"'`)).toBe(true);
      expect(cell).toBe(`"'${value.replace(/"/g, '""')}"`);
    },
  );

  it('leaves text that only contains those characters later alone', () => {
    expect(csvCell('1+1=2')).toBe('"1+1=2"');
    expect(csvCell('me@example.com')).toBe('"me@example.com"');
  });

  it('writes numbers as numbers, negative ones too', () => {
    expect(csvCell(4)).toBe('"4"');
    expect(csvCell(-3)).toBe('"-3"');
    expect(csvCell(Number.NaN)).toBe('""');
  });

  it('never lets any text start a formula, whatever it is', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const cell = csvCell(value);
        expect(cell.startsWith('"') && cell.endsWith('"')).toBe(true);
        const inner = cell.slice(1, -1).replace(/""/g, '"');
        expect(/^[=+\-@\t\r]/.test(inner)).toBe(false);
        expect(cell.slice(1, -1).replace(/""/g, '')).not.toContain('"');
      }),
    );
  });
});

describe('answerCell', () => {
  const q = (id: string) => definition.sections.flatMap((s) => s.questions).find((x) => x.id === id)!;

  it('says answers in words', () => {
    expect(answerCell(q('uses-hub'), { answers: { 'uses-hub': 'yes' } })).toBe('Yes');
    expect(answerCell(q('services'), { answers: { services: ['health', 'stay-play', 'other'] } })).toBe('Health visitor clinic; Stay and play; Other');
    expect(answerCell(q('main'), { answers: { main: 'health' } })).toBe('Health visitor clinic');
    expect(answerCell(q('order'), { answers: { order: ['c', 'a', 'b'] } })).toBe('1. Cafe; 2. Opening hours; 3. Parking');
    expect(answerCell(q('rating'), { answers: { rating: 4 } })).toBe(4);
    expect(answerCell(q('kids'), { answers: { kids: 2 } })).toBe(2);
    expect(answerCell(q('when'), { answers: { when: '2026-02-01' } })).toBe('2026-02-01');
    expect(answerCell(q('better'), { answers: {} })).toBeUndefined();
  });

  it('never writes an equality answer', () => {
    expect(answerCell(q('eq'), { answers: { eq: { parentRole: 'dad', consent: true } as never } })).toBeUndefined();
  });
});

describe('responsesCsv', () => {
  it('starts with a byte-order mark, has a header row and one CRLF row per response', () => {
    const csv = responsesCsv(definition, [response(), response({ id: 'r2' })], names);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parse(csv.slice(1));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual([
      'Day',
      'How the answers were given',
      'Family Hub',
      'Hub network',
      'Paper reference',
      'Entered by',
      'Have you used a Family Hub?',
      'Which services have you used?',
      'Which services have you used?: other answer',
      'Which do you use most?',
      'How was it?',
      'Put these in order',
      'How many children?',
      'When did you last go?',
      'What would make it better? (better)',
      'What would make it better? (again)',
    ]);
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
  });

  it('writes each answer in its column, "Other" text on its own, and where and how it came in', () => {
    const csv = responsesCsv(
      definition,
      [
        response({
          channel: 'paper',
          hubId: 'mansfield-town',
          networkId: 'mansfield',
          paperRef: 'A-001',
          enteredBy: 'officer@notts.example',
          answers: {
            'uses-hub': 'yes',
            services: ['stay-play', 'other'],
            'services.other': 'Baby massage, on Tuesdays',
            rating: 5,
            order: ['b', 'a', 'c'],
            better: 'Longer "opening" hours\nat weekends',
            again: '=cmd|"/c calc"!A1',
          },
        }),
      ],
      names,
    );
    const [header, row] = parse(csv.slice(1));
    const byHeader = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    expect(byHeader).toMatchObject({
      Day: '2026-03-04',
      'How the answers were given': 'Paper form',
      'Family Hub': 'Mansfield town',
      'Hub network': 'Mansfield Family Hub Network',
      'Paper reference': 'A-001',
      'Entered by': 'officer@notts.example',
      'Have you used a Family Hub?': 'Yes',
      'Which services have you used?': 'Stay and play; Other',
      'Which services have you used?: other answer': 'Baby massage, on Tuesdays',
      'Which do you use most?': '',
      'How was it?': '5',
      'Put these in order': '1. Parking; 2. Opening hours; 3. Cafe',
      'What would make it better? (better)': 'Longer "opening" hours\nat weekends',
      'What would make it better? (again)': `'=cmd|"/c calc"!A1`,
    });
  });

  it('writes an unknown hub or network by its id', () => {
    const [, row] = parse(responsesCsv(definition, [response({ hubId: 'gone-hub', networkId: 'gone' })], names).slice(1));
    expect(row!.slice(2, 4)).toEqual(['gone-hub', 'gone']);
  });

  it('never exports equality answers or groups, even if they were handed to it', () => {
    const leaky = {
      ...response({ answers: { 'uses-hub': 'no', eq: { parentRole: 'dad', ethnicity: 'black-african', consent: true } as never } }),
      groups: ['dads-partners', 'ethnic-minority'],
      memberId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
      panelId: 'mansfield-panel',
    } as StoredResponse;
    const csv = responsesCsv(definition, [leaky], names);
    for (const secret of ['dads-partners', 'ethnic-minority', 'black-african', 'dad', 'Equality', 'groups', '01HZZZZZZZZZZZZZZZZZZZZZZZ', 'mansfield-panel']) {
      expect(csv).not.toContain(secret);
    }
    expect(csvColumns(definition, names).map((c) => c.header)).not.toContain('Equality monitoring');
  });

  it('never exports a response’s record key, even if it was handed one', () => {
    // 231 appears nowhere else in this response or the survey's labels.
    const keyed = { ...response({ answers: { 'uses-hub': 'yes', rating: 2 } }), recordKey: 231 } as StoredResponse;
    const csv = responsesCsv(definition, [keyed], names);
    expect(csv).not.toContain('231');
    expect(csv.toLowerCase()).not.toContain('key');
  });

  it('is just the header row when there are no responses', () => {
    const csv = responsesCsv(definition, [], names);
    expect(parse(csv.slice(1))).toHaveLength(1);
  });
});

import { csvFile, type Cell } from './csv.ts';
import { otherOptionId, responseChannelLabels, type Question, type StoredResponse, type SurveyDefinition } from './survey.schema.ts';

/**
 * A survey's responses as a CSV file for a spreadsheet: one row per response, one column per
 * question (its label as the header), "Other" text in a column of its own, then where and how the
 * response came in. Pure: the officer route pages through the API and hands the responses here.
 * Written by csv.ts, so safe to open in Excel.
 *
 * Equality monitoring answers and the groups made from them are never written: the equality
 * question has no column, and only the fields named below are read from a response.
 */

/** Names to show for hub and hub network ids (an id with no name is written as it is). */
export interface CsvNames {
  hubs: Record<string, string>;
  networks: Record<string, string>;
}

interface Column {
  header: string;
  value: (response: StoredResponse) => Cell;
}

const optionLabel = (q: Question, id: string): string => {
  if (id === otherOptionId && q.type !== 'ranking') return 'Other';
  return ('options' in q ? q.options.find((o) => o.id === id)?.label : undefined) ?? id;
};

/** One question's answer in a cell: labels, not ids; several choices joined with "; "; a ranking as "1. A; 2. B". */
export function answerCell(q: Question, response: Pick<StoredResponse, 'answers'>): Cell {
  const value = response.answers[q.id];
  if (value === undefined || value === null) return undefined;
  switch (q.type) {
    case 'single':
      return optionLabel(q, String(value));
    case 'multiple':
      return Array.isArray(value) ? value.map((id) => optionLabel(q, id)).join('; ') : optionLabel(q, String(value));
    case 'ranking':
      return Array.isArray(value) ? value.map((id, i) => `${i + 1}. ${optionLabel(q, id)}`).join('; ') : String(value);
    case 'yes-no':
      return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : String(value);
    case 'rating':
    case 'number':
      return typeof value === 'number' ? value : String(value);
    case 'equality':
      return undefined;
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/** The columns, in order: where and how the response came in, then the questions in survey order. */
export function csvColumns(definition: SurveyDefinition, names: CsvNames): Column[] {
  const questions = definition.sections.flatMap((s) => s.questions).filter((q) => q.type !== 'equality');
  const counts = new Map<string, number>();
  for (const q of questions) counts.set(q.label, (counts.get(q.label) ?? 0) + 1);
  // Two questions with the same words get their ids too, so the columns can be told apart.
  const headerOf = (q: Question) => ((counts.get(q.label) ?? 0) > 1 ? `${q.label} (${q.id})` : q.label);

  const columns: Column[] = [
    { header: 'Day', value: (r) => r.day },
    { header: 'How the answers were given', value: (r) => responseChannelLabels[r.channel] ?? r.channel },
    { header: 'Family Hub', value: (r) => (r.hubId ? (names.hubs[r.hubId] ?? r.hubId) : undefined) },
    { header: 'Hub network', value: (r) => (r.networkId ? (names.networks[r.networkId] ?? r.networkId) : undefined) },
    { header: 'Paper reference', value: (r) => r.paperRef },
    { header: 'Entered by', value: (r) => r.enteredBy },
  ];
  for (const q of questions) {
    columns.push({ header: headerOf(q), value: (r) => answerCell(q, r) });
    if ((q.type === 'single' || q.type === 'multiple') && q.allowOther) {
      columns.push({
        header: `${headerOf(q)}: other answer`,
        value: (r) => {
          const other = r.answers[`${q.id}.other`];
          return typeof other === 'string' ? other : undefined;
        },
      });
    }
  }
  return columns;
}

/** The survey's file: a header row, one row per response. */
export function responsesCsv(definition: SurveyDefinition, responses: Iterable<StoredResponse>, names: CsvNames): string {
  const columns = csvColumns(definition, names);
  return csvFile([columns.map((c) => c.header), ...[...responses].map((response) => columns.map((c) => c.value(response)))]);
}

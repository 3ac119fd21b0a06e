/**
 * The one CSV writer, for every download (survey responses, members, insight, the public log).
 *
 * Safe to open in Excel: UTF-8 with a byte-order mark (or Excel guesses the wrong encoding), CRLF
 * line ends, every cell quoted (commas, quotes and line breaks inside answers stay in their cell), and
 * any text that starts like a formula (= + - @ tab or carriage return, as OWASP's CSV injection advice
 * lists) is prefixed with ' so the spreadsheet shows it as text instead of running it.
 */

export type Cell = string | number | undefined;

const BOM = '\uFEFF';
const formulaStart = /^[=+\-@\t\r]/;

/** One cell: quoted, quotes doubled, formula-looking text made plain text. Numbers are written as numbers. */
export function csvCell(value: Cell): string {
  if (value === undefined) return '""';
  if (typeof value === 'number') return Number.isFinite(value) ? `"${String(value)}"` : '""';
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvRow(cells: Cell[]): string {
  return cells.map(csvCell).join(',');
}

/** A whole file: the byte-order mark, one row per line, CRLF after each. */
export function csvFile(rows: Iterable<Cell[]>): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(csvRow(row));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * Date arithmetic for retention periods, in UTC calendar days (`yyyy-mm-dd`). Adding months keeps
 * the day of the month, or the month's last day when it has fewer days (31 January + 1 month =
 * 28 or 29 February), as people count "12 months after".
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: string): [number, number, number] {
  const m = DAY.exec(day);
  if (!m) throw new Error(`Not a calendar day: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const format = (d: Date) => d.toISOString().slice(0, 10);

export function addMonths(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(new Date(Date.UTC(year, month - 1, Math.min(d, daysIn(year, month)))));
}

export const addYears = (day: string, years: number) => addMonths(day, years * 12);

export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** The calendar day (UTC) of an instant. */
export const dayOf = (at: Date | string) => (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);

/** A record from `recordDay` kept until `kept(recordDay)` (inclusive) is due once that day has passed. */
export function isDue(recordDay: string, kept: (day: string) => string, today: string): boolean {
  return kept(recordDay) < today;
}

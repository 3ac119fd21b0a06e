/**
 * Dates as people read them, in one place (web pages, emails, CSV labels). Two kinds of value:
 * - a calendar day, "2026-03-03" (a meeting's date, a closing date, a target date): it has no time
 *   zone, so it is written as that day wherever the server runs;
 * - a moment, "2026-03-03T23:30:00Z" (when something was logged, changed, approved): it is written as
 *   the day and time it was in England (Europe/London), so 00:30 BST is the next day, not the one before.
 * GOV.UK style: "Tuesday 3 March 2026", "3 March 2026", no commas.
 */

const LONDON = 'Europe/London';
const calendarDay = /^\d{4}-\d{2}-\d{2}$/;

const formats = {
  weekday: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  short: { day: 'numeric', month: 'short', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
type Style = keyof typeof formats;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: Style, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat('en-GB', { ...formats[style], timeZone })));
  return f;
}

/** A calendar day or a moment in words; anything unreadable comes back as it was. */
export function dayText(value: string | undefined, style: Style = 'long'): string {
  if (!value) return '';
  const isDay = calendarDay.test(value);
  const date = new Date(isDay ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return formatter(style, isDay ? 'UTC' : LONDON).format(date).replace(',', '');
}

/** "2026-03-03" → "Tuesday 3 March 2026". */
export const dayWithWeekday = (value: string): string => dayText(value, 'weekday');

/** "2026-03" → "Mar 2026". */
export function monthText(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

const dateAndTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: LONDON });
/** A moment with its time in England: "3 Mar 2026, 14:30". */
export function momentText(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateAndTime.format(date);
}


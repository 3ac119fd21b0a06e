import { isRealDate } from '@pv/shared/survey.schema';
import { textOf, type FormValues } from '$lib/form-errors';
import { dateFrom } from './config-form';

/**
 * A date typed in three boxes, as <DateInput> shows it: the form's values "<name>.day", "<name>.month"
 * and "<name>.year" (the officer forms: actions, consultations, conversations, meetings).
 */

const parts = ['day', 'month', 'year'] as const;

/** The names of a date's three boxes, for `valuesOf`. */
export const dateBoxes = (name: string): string[] => parts.map((p) => `${name}.${p}`);

/** "2027-03-05" → 5 / 3 / 2027 in the boxes, as a person would type it; no date → empty boxes. */
export function dateBoxValues(name: string, iso: string | undefined): FormValues {
  const [year = '', month = '', day = ''] = iso ? iso.split('-') : [];
  return { [`${name}.day`]: day && String(Number(day)), [`${name}.month`]: month && String(Number(month)), [`${name}.year`]: year };
}

/**
 * The boxes → "YYYY-MM-DD", or the message for the field. A date must be whole and real; an optional
 * one may be left empty ('').
 */
export function readDateBoxes(values: FormValues, name: string, label: string, optional = false): { value: string; error?: string } {
  const [day, month, year] = dateBoxes(name).map((key) => textOf(values, key)) as [string, string, string];
  if (optional && ![day, month, year].some((p) => p.trim())) return { value: '' };
  const date = dateFrom(label, day, month, year);
  if (date.error) return { value: '', error: date.error };
  if (!isRealDate(date.value!)) return { value: '', error: `The ${label.toLowerCase()} must be a real date` };
  return { value: date.value! };
}

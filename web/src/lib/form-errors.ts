import type { SummaryError } from './config-fields.ts';

export type FormValues = Record<string, string | string[]>;
export type FormErrors = Record<string, string>;

/** Errors for the error summary, in the order of the fields on the page; anything else last. */
export function summaryOf(errors: FormErrors | undefined, order: readonly string[]): SummaryError[] {
  if (!errors) return [];
  const known = order.filter((k) => errors[k]).map((k) => ({ href: `#${k}`, message: errors[k]! }));
  const other = Object.keys(errors)
    .filter((k) => !order.includes(k))
    .map((k) => ({ href: undefined, message: errors[k]! }));
  return [...known, ...other];
}

/** Errors by the field they belong to ("childAgeBands.0" → "childAgeBands"), the first message a field wins. */
export function errorsByField(errors: Record<string, string>): FormErrors {
  const out: FormErrors = {};
  for (const [key, message] of Object.entries(errors)) out[key.split('.')[0]!] ??= message;
  return out;
}

export const textOf = (values: FormValues | undefined, key: string): string => {
  const v = values?.[key];
  return typeof v === 'string' ? v : '';
};

export const listOf = (values: FormValues | undefined, key: string): string[] => {
  const v = values?.[key];
  return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
};

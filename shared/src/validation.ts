import * as z from 'zod';
import type { FieldErrors } from './errors.ts';

/** Turns zod issues into one plain-English message per field (the first issue for each field wins). */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/** Text a person typed: trimmed, no control characters, within limits, with messages a person can act on. */
/**
 * @param enter what an empty field says, e.g. "Enter a name"
 * @param label the field's name at the start of a sentence, e.g. "Name"
 */
export function text(enter: string, label: string, { min = 1, max }: { min?: number; max: number }) {
  return z
    .string({ error: enter })
    .transform((s) => clean(s))
    .pipe(
      z
        .string()
        .min(1, { error: enter })
        .min(min, { error: `${label} must be ${min} characters or more` })
        .max(max, { error: `${label} must be ${max} characters or fewer` }),
    );
}

/** Unicode-normalised, control characters removed, trimmed. */
export function clean(s: string): string {
  return s.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
}

export function optionalText(label: string, max: number) {
  return z
    .string()
    .optional()
    .transform((s) => clean(s ?? ''))
    .pipe(z.string().max(max, { error: `${label} must be ${max} characters or fewer` }));
}

/** A checkbox or "yes"/"no" from a form, or a boolean from JSON. */
export const formBoolean = z.preprocess((v) => {
  if (typeof v === 'boolean') return v;
  if (v === undefined || v === null || v === '') return false;
  if (v === 'on' || v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  return v;
}, z.boolean({ error: 'Choose yes or no' }));

/** Optimistic-concurrency version carried by every edit form. */
export const version = z.coerce
  .number({ error: 'The version of this item is missing. Reload the page and try again.' })
  .int()
  .min(1, { error: 'The version of this item is missing. Reload the page and try again.' });

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'Use lower-case letters, numbers and dashes only' })
  .max(60, { error: 'Must be 60 characters or fewer' });

export function toSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

/** An email address or nothing, stored in lower case. */
export const optionalEmail = z
  .string()
  .optional()
  .transform((s) => (s ?? '').trim().toLowerCase())
  .pipe(z.union([z.literal(''), z.email({ error: 'Enter an email address in the right format, like name@example.com' }).max(254)]));

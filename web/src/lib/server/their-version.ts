import { fail } from '@sveltejs/kit';
import type { FormErrors, FormValues } from '$lib/form-errors';

/**
 * An edit form's answer to a stale version (a 409 with the item as stored now): this person's input
 * kept, the version they would now save over, and what someone else saved as rows for <TheirVersion>,
 * so a second "Save changes" replaces their version knowingly.
 */
export function theirVersion(values: FormValues, current: { version: number }, rows: { key: string; value: string }[]) {
  return fail(409, { values, errors: {} as FormErrors, version: String(current.version), conflict: rows });
}

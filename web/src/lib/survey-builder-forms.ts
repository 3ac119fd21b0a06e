import type { SummaryError } from './config-fields.ts';
import type { FormErrors } from './form-errors.ts';

/**
 * The survey builder's forms: their fields in page order and the element each error's link lands on
 * (a fieldset's first input), so the error summary lists problems in the order a person meets them.
 * Messages under `_`, `_1`… are about the survey as a whole and link nowhere. Free of zod so the
 * browser bundle stays small.
 */
const forms = {
  settings: {
    fields: ['title', 'introduction', 'privacyNotice', 'closesOn', 'audience', 'anonymous'],
    ids: { closesOn: 'closesOn-day', audience: 'audience', anonymous: 'anonymous' } as Record<string, string>,
  },
  section: { fields: ['title', 'intro', 'condition'], ids: {} as Record<string, string> },
  question: {
    fields: ['sectionId', 'label', 'hint', 'required', 'options', 'allowOther', 'points', 'lowLabel', 'highLabel', 'maxLength', 'min', 'max', 'wholeNumber', 'condition', 'priorityIds', 'hubIds'],
    ids: {} as Record<string, string>,
  },
} satisfies Record<string, { fields: string[]; ids: Record<string, string> }>;

export function builderSummary(form: keyof typeof forms, errors: FormErrors | undefined): SummaryError[] {
  if (!errors) return [];
  const { fields, ids } = forms[form];
  const known = fields.filter((k) => errors[k]).map((k) => ({ href: `#${ids[k] ?? k}`, message: errors[k]! }));
  const other = Object.keys(errors)
    .filter((k) => !fields.includes(k))
    .map((k) => ({ href: undefined, message: errors[k]! }));
  return [...known, ...other];
}

/** A question a condition may use, with its answers (for ConditionFields). */
export interface ConditionSource {
  id: string;
  label: string;
  sectionTitle: string;
  sectionNumber: number;
  values: { value: string; label: string }[];
}

/** Draft, open or closed, as a tag. */
export const statusTags = {
  draft: { text: 'Draft', colour: 'yellow' },
  open: { text: 'Open', colour: 'green' },
  closed: { text: 'Closed', colour: 'grey' },
} as const;

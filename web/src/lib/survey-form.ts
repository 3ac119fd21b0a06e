import type { Question, Section } from '@pv/shared/survey.schema';
import type { SummaryError } from './config-fields';
import type { FormErrors, FormValues } from './form-errors';

/**
 * A survey section as a form: field names (the same as the API's error keys), where each error's
 * link should land, and the summary in the order of the page. Types only from shared, so the
 * browser bundle stays small.
 */
export const fieldName = (questionId: string) => `q_${questionId}`;
export const equalityFields = [
  'parentRole',
  'ageBand',
  'ethnicity',
  'lgbt',
  'disability',
  'childSend',
  'neurodiverse',
  'neonatal',
  'digitalAccess',
  'mainLanguage',
] as const;

/** Error keys of a question, in page order, with the element each one's link should focus. */
function errorTargets(q: Question): [key: string, target: string][] {
  const name = fieldName(q.id);
  switch (q.type) {
    case 'date':
      return [[name, `${name}-day`]];
    case 'ranking':
      return [[name, `${name}_${q.options[0]?.id ?? ''}`]];
    case 'equality':
      return [...equalityFields.map((f): [string, string] => [`${name}_${f}`, `${name}_${f}`]), [`${name}_consent`, `${name}_consent`], [name, `${name}_consent`]];
    case 'single':
    case 'multiple':
      return [
        [name, name],
        [`${name}_other`, `${name}_other`],
      ];
    default:
      return [[name, name]];
  }
}

export function sectionSummary(section: Section | undefined, errors: FormErrors | undefined): SummaryError[] {
  if (!errors) return [];
  const seen = new Set<string>();
  const out: SummaryError[] = [];
  for (const q of section?.questions ?? []) {
    for (const [key, target] of errorTargets(q)) {
      if (errors[key] && !seen.has(key)) {
        out.push({ href: `#${target}`, message: errors[key] });
        seen.add(key);
      }
    }
  }
  for (const [key, message] of Object.entries(errors)) if (!seen.has(key)) out.push({ message });
  return out;
}

/** Every field of a posted form, as the page shows it again (one value, or all values for checkboxes). */
export function formToValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
    values[key] = all.length > 1 ? all : (all[0] ?? '');
  }
  return values;
}

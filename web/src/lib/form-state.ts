import { getContext, setContext } from 'svelte';
import type { FormErrors, FormValues } from './form-errors';

/**
 * What a <Form> knows and its fields read: the values to show (the person's input after a refusal,
 * or the item being edited) and the errors by field. A field given `value` or `error` itself uses those.
 */
export interface FormState {
  readonly values: FormValues | undefined;
  readonly errors: FormErrors;
}

const key = Symbol('form');

export function setFormState(state: FormState): void {
  setContext(key, state);
}

/** The field named `name` in the form around it (empty outside a <Form>). */
export function fieldOf(name: () => string) {
  const form = getContext<FormState | undefined>(key);
  return {
    get text(): string {
      const v = form?.values?.[name()];
      return typeof v === 'string' ? v : '';
    },
    get list(): string[] {
      const v = form?.values?.[name()];
      return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
    },
    /** A part of a field made of several boxes ("date.day"). */
    part(part: string): string {
      const v = form?.values?.[`${name()}.${part}`];
      return typeof v === 'string' ? v : '';
    },
    get error(): string | undefined {
      return form?.errors[name()];
    },
  };
}

/** Labels by value (the shared *Labels records) → the options of a select, radios or checkboxes. */
export function optionsOf(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

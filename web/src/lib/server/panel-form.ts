import { panelInput, type Panel, type PanelInput } from '@pv/shared/panel.schema';
import { toFieldErrors } from '@pv/shared/validation';
import { textOf } from './officer';

/**
 * The panel form (new and edit): form fields → the shared zod schema, errors → the fields on the
 * page, and a panel → the values to edit.
 */

export type PanelValues = Record<'name' | 'description' | 'networkId' | 'recruiting' | 'targetSize' | 'status', string>;
export type FormErrors = Record<string, string>;

export function readPanelForm(form: FormData): { values: PanelValues; input?: PanelInput; errors?: FormErrors } {
  const values: PanelValues = {
    name: textOf(form, 'name'),
    description: textOf(form, 'description'),
    networkId: textOf(form, 'networkId'),
    recruiting: form.get('recruiting') ? 'yes' : '',
    targetSize: textOf(form, 'targetSize').replace(/,/g, '').trim(),
    status: textOf(form, 'status'),
  };
  const checks: FormErrors = {};
  if (!values.networkId) checks.networkId = 'Choose the hub network the panel is for';
  if (!values.targetSize) checks.targetSize = 'Enter a target size from 5 to 1,000';
  if (!values.status) checks.status = 'Choose whether the panel is active or closed';
  const parsed = panelInput.safeParse({ ...values, recruiting: values.recruiting || undefined });
  if (parsed.success && !Object.keys(checks).length) return { values, input: parsed.data };
  const errors = parsed.success ? {} : toFieldErrors(parsed.error);
  return { values, errors: { ...errors, ...checks } };
}

export function panelValues(panel: Panel): PanelValues {
  return {
    name: panel.name,
    description: panel.description,
    networkId: panel.networkId,
    recruiting: panel.recruiting ? 'yes' : '',
    targetSize: String(panel.targetSize),
    status: panel.status,
  };
}

export const emptyPanelValues: PanelValues = { name: '', description: '', networkId: '', recruiting: 'yes', targetSize: '', status: 'active' };

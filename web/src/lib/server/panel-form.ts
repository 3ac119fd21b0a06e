import { panelInput, type Panel, type PanelInput } from '@pv/shared/panel.schema';
import type { FormErrors } from '$lib/form-errors';
import { formText, readWith, type FormRead } from './forms';

/**
 * The panel form (new and edit): form fields → the shared zod schema, errors → the fields on the
 * page, and a panel → the values to edit.
 */

export type PanelValues = Record<'name' | 'description' | 'networkId' | 'recruiting' | 'targetSize' | 'status', string>;
export function readPanelForm(form: FormData): FormRead<PanelInput> {
  const values: PanelValues = {
    name: formText(form, 'name'),
    description: formText(form, 'description'),
    networkId: formText(form, 'networkId'),
    recruiting: form.get('recruiting') ? 'yes' : '',
    targetSize: formText(form, 'targetSize').replace(/,/g, '').trim(),
    status: formText(form, 'status'),
  };
  const checks: FormErrors = {};
  if (!values.networkId) checks.networkId = 'Choose the hub network the panel is for';
  if (!values.targetSize) checks.targetSize = 'Enter a target size from 5 to 1,000';
  if (!values.status) checks.status = 'Choose whether the panel is active or closed';
  return readWith(panelInput, { ...values, recruiting: values.recruiting || undefined }, values, checks);
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

import { actionInput, type Action, type ActionInput } from '@pv/shared/action.schema';
import { consultationStageLabels } from '@pv/shared/consultation.schema';
import { textOf as valueOf, type FormErrors, type FormValues } from '$lib/form-errors';
import type { api } from './api';
import { dateBoxes, dateBoxValues, readDateBoxes } from './date-boxes';
import { readWith, valuesOf, type FormRead } from './forms';
import { orFail } from './officer';

/**
 * The "you said, we did" action form (new and edit): form fields → the shared zod schema, errors →
 * the fields on the page, an action → the values to edit, and the themes, consultations and
 * priorities to choose from. Dates are three boxes each (targetOn.day…, see date-boxes.ts).
 */

const dates = { targetOn: 'Target date', doneOn: 'Date it was done' } as const;
type DateKey = keyof typeof dates;
const texts = ['youSaid', 'weDid', 'status', 'notDoingReason', 'owner', 'update'] as const;
const lists = ['themeIds', 'consultationIds', 'priorityIds'] as const;

export function readActionForm(form: FormData): FormRead<ActionInput> {
  const values = valuesOf(form, [...texts, ...dateBoxes('targetOn'), ...dateBoxes('doneOn')], lists);
  const checks: FormErrors = {};
  // Both dates are optional: empty is fine; anything typed must be a whole, real date.
  const date = (key: DateKey) => {
    const d = readDateBoxes(values, key, dates[key], true);
    if (d.error) checks[key] = d.error;
    return d.value;
  };
  const candidate = {
    ...Object.fromEntries(texts.map((k) => [k, valueOf(values, k)])),
    status: values.status || undefined,
    targetOn: date('targetOn'),
    doneOn: date('doneOn'),
    themeIds: values.themeIds,
    consultationIds: values.consultationIds,
    priorityIds: values.priorityIds,
  };
  return readWith(actionInput, candidate, values, checks);
}

/** An action → the form's values (the timeline words start empty: they are for the next change). */
export function actionValues(action: Action): FormValues {
  return {
    youSaid: action.youSaid,
    weDid: action.weDid,
    status: action.status,
    notDoingReason: action.notDoingReason,
    owner: action.owner,
    update: action.update,
    themeIds: action.themeIds,
    consultationIds: action.consultationIds,
    priorityIds: action.priorityIds,
    ...dateBoxValues('targetOn', action.targetOn),
    ...dateBoxValues('doneOn', action.doneOn),
  };
}

/** A new action, from a theme when the officer came from one. */
export function emptyActionValues(themeId?: string): FormValues {
  return { status: 'under-consideration', themeIds: themeId ? [themeId] : [], consultationIds: [], priorityIds: [] };
}

const comments = (n: number) => (n === 1 ? '1 comment' : `${n.toLocaleString('en-GB')} comments`);

/**
 * What an action can be linked to: the themes (with their size), the consultations and the active
 * priorities (plus any retired one the action already has).
 */
export async function actionChoices(client: ReturnType<typeof api>, tenantId: string, url: URL, chosenPriorities: string[] = []) {
  const [themes, consultations, config] = await Promise.all([
    orFail(client.themes(tenantId), url),
    orFail(client.consultations(tenantId), url),
    orFail(client.config(tenantId), url),
  ]);
  return {
    themes: themes.items.map((t) => ({ value: t.id, label: t.name, hint: t.size === null ? `Fewer than ${t.threshold} comments` : comments(t.size) })),
    consultations: consultations.map((c) => ({ value: c.id, label: c.title, hint: consultationStageLabels[c.stage] })),
    priorities: config.priority
      .filter((p) => p.status === 'active' || chosenPriorities.includes(p.id))
      .sort((a, b) => a.order - b.order)
      .map((p) => ({ value: p.id, label: p.status === 'active' ? p.name : `${p.name} (retired)` })),
  };
}

export type ActionChoices = Awaited<ReturnType<typeof actionChoices>>;

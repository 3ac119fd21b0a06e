import { actionInput, type Action, type ActionInput } from '@pv/shared/action.schema';
import { consultationStageLabels } from '@pv/shared/consultation.schema';
import { isRealDate } from '@pv/shared/survey.schema';
import { textOf as valueOf, type FormErrors, type FormValues } from '$lib/form-errors';
import type { api } from './api';
import { dateFrom } from './config-form';
import { readWith, valuesOf, type FormRead } from './forms';
import { orFail } from './officer';

/**
 * The "you said, we did" action form (new and edit): form fields → the shared zod schema, errors →
 * the fields on the page, an action → the values to edit, and the themes, consultations and
 * priorities to choose from. Dates are three boxes each (targetOn.day…), like the survey settings.
 */

const dates = { targetOn: 'Target date', doneOn: 'Date it was done' } as const;
type DateKey = keyof typeof dates;
const parts = ['day', 'month', 'year'] as const;
const lists = ['themeIds', 'consultationIds', 'priorityIds'] as const;

/** An optional date: empty is fine; anything typed must be a whole, real date. */
function optionalDate(key: DateKey, values: FormValues): { value: string; error?: string } {
  const [day = '', month = '', year = ''] = parts.map((p) => valueOf(values, `${key}.${p}`));
  if (![day, month, year].some((p) => p.trim())) return { value: '' };
  const date = dateFrom(dates[key], day, month, year);
  if (date.error) return { value: '', error: date.error };
  if (!isRealDate(date.value!)) return { value: '', error: `The ${dates[key].toLowerCase()} must be a real date` };
  return { value: date.value! };
}

const texts = ['youSaid', 'weDid', 'status', 'notDoingReason', 'owner', 'update'] as const;
const dateBoxes = Object.keys(dates).flatMap((key) => parts.map((p) => `${key}.${p}`));

export function readActionForm(form: FormData): FormRead<ActionInput> {
  const values = valuesOf(form, [...texts, ...dateBoxes], lists);
  const checks: FormErrors = {};
  const date = (key: DateKey) => {
    const d = optionalDate(key, values);
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
  const values: FormValues = {
    youSaid: action.youSaid,
    weDid: action.weDid,
    status: action.status,
    notDoingReason: action.notDoingReason,
    owner: action.owner,
    update: action.update,
    themeIds: action.themeIds,
    consultationIds: action.consultationIds,
    priorityIds: action.priorityIds,
  };
  for (const key of Object.keys(dates) as DateKey[]) {
    const [year = '', month = '', day = ''] = action[key] ? action[key].split('-') : [];
    Object.assign(values, { [`${key}.day`]: day && String(Number(day)), [`${key}.month`]: month && String(Number(month)), [`${key}.year`]: year });
  }
  return values;
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

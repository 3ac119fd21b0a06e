import { dayText } from '@pv/shared/dates';
import {
  configInputs,
  type ConfigInput,
  type ConfigItem,
  type ConfigKind,
  type TenantConfig,
} from '@pv/shared/config.schema';
import { describeRule, operatorLabels, operators, ruleFieldNames, ruleFields, type GroupRule } from '@pv/shared/group-rule';
import { toFieldErrors } from '@pv/shared/validation';
import { fail } from '@sveltejs/kit';
import { ApiError } from './api';
import { formText, refusal, type FormRead } from './forms';
import {
  configFields,
  errorKeys,
  RULE_ROWS,
  type FormErrors,
  type FormValues,
  type Option,
  type RuleOptions,
} from '$lib/config-fields';

/**
 * Configuration forms on the server: form fields → the input the shared zod schema checks, the
 * schema's (or the API's) error paths → the fields on the page, and items → values to edit.
 */

const ruleKey = (i: number, part: 'field' | 'operator' | 'values') => `rule.conditions.${i}.${part}`;

function splitValues(text: string): string[] {
  return text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The GOV.UK date pattern: three boxes → YYYY-MM-DD, with a message that says which part is wrong. */
export function dateFrom(label: string, day: string, month: string, year: string): { value?: string; error?: string } {
  const parts = { day: day.trim(), month: month.trim(), year: year.trim() };
  const missing = (['day', 'month', 'year'] as const).filter((p) => !parts[p]);
  if (missing.length === 3) return { error: `Enter the ${label.toLowerCase()}` };
  if (missing.length) return { error: `The ${label.toLowerCase()} must include a ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d+$/.test(parts.year)) {
    return { error: `The ${label.toLowerCase()} must be a real date` };
  }
  if (parts.year.length !== 4) return { error: 'Year must include 4 numbers' };
  return { value: `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}` };
}

/** "rule.conditions.1.values.0" → the field on the page it belongs to, with blank rows put back. */
function toPageErrors(kind: ConfigKind, errors: FormErrors, rows: number[]): FormErrors {
  const keys = errorKeys(kind);
  const out: FormErrors = {};
  for (const [raw, message] of Object.entries(errors)) {
    const key = raw.replace(/^rule\.conditions\.(\d+)/, (_m, i: string) => `rule.conditions.${rows[Number(i)] ?? i}`);
    const known = keys.filter((k) => key === k || key.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0] ?? key;
    if (!(known in out)) out[known] = message;
  }
  return out;
}

/**
 * A configuration form read, and where the API's field errors for what was sent go on the page: a
 * condition's errors find its row of the form (blank rows are not sent).
 */
export function readConfigForm<K extends ConfigKind>(kind: K, form: FormData): { read: FormRead<ConfigInput<K>>; toPage: (errors: FormErrors) => FormErrors } {
  const values: FormValues = {};
  const candidate: Record<string, unknown> = {};
  const checks: FormErrors = {};
  let rows: number[] = [];

  for (const spec of configFields[kind]) {
    const { key } = spec;
    switch (spec.type) {
      case 'text':
      case 'textarea':
        values[key] = formText(form, key);
        candidate[key] = values[key];
        break;
      case 'select':
        values[key] = formText(form, key);
        candidate[key] = values[key];
        if (!values[key]) checks[key] = spec.choose;
        break;
      case 'number': {
        values[key] = formText(form, key);
        const cleaned = values[key].replace(/%/g, '').trim();
        // An empty box is "not given", not zero.
        candidate[key] = cleaned === '' ? undefined : cleaned;
        break;
      }
      case 'checkbox':
        values[key] = form.get(key) ? 'yes' : '';
        candidate[key] = values[key] || undefined;
        break;
      case 'date': {
        for (const part of ['day', 'month', 'year']) values[`${key}.${part}`] = formText(form, `${key}.${part}`);
        const date = dateFrom(spec.label, values[`${key}.day`]!, values[`${key}.month`]!, values[`${key}.year`]!);
        if (date.error) checks[key] = date.error;
        candidate[key] = date.value;
        break;
      }
      case 'rule': {
        for (let i = 0; i < RULE_ROWS; i++) {
          for (const part of ['field', 'operator', 'values'] as const) values[ruleKey(i, part)] = formText(form, ruleKey(i, part));
        }
        rows = Array.from({ length: RULE_ROWS }, (_, i) => i).filter(
          (i) => values[ruleKey(i, 'field')] || values[ruleKey(i, 'operator')] || values[ruleKey(i, 'values')]!.trim(),
        );
        candidate.rule = {
          conditions: rows.map((i) => ({
            field: values[ruleKey(i, 'field')] || undefined,
            operator: values[ruleKey(i, 'operator')] || undefined,
            values: splitValues(values[ruleKey(i, 'values')]!),
          })),
        };
        break;
      }
    }
  }

  const toPage = (errors: FormErrors) => toPageErrors(kind, errors, rows);
  const parsed = configInputs[kind].safeParse(candidate);
  if (parsed.success && !Object.keys(checks).length) return { read: { values, input: parsed.data as ConfigInput<K> }, toPage };
  const errors = parsed.success ? {} : toPage(toFieldErrors(parsed.error));
  // The form's own checks say more precisely what is wrong (which part of a date, which list).
  return { read: { values, errors: { ...errors, ...checks } }, toPage };
}

/**
 * An API problem from a small action on one item (move, retire, restore, delete) → a message by that
 * item. A stale version or a deleted item is told in words a person can act on.
 */
export async function itemRefusal(e: unknown, url: URL, id: string) {
  const refused = (status: number, message: string) => fail(status, { id, values: {}, errors: { _: message } });
  if (e instanceof ApiError && e.status === 404) return refused(404, 'This item no longer exists. Someone else may have deleted it.');
  return refusal(e, {}, {
    url,
    keep: { id },
    onConflict: () => refused(409, 'Someone else changed this while you were looking at it. Check the list below, then try again.'),
  });
}

export function valuesFromItem(kind: ConfigKind, item: ConfigItem): FormValues {
  const record = item as unknown as Record<string, unknown>;
  const values: FormValues = {};
  for (const spec of configFields[kind]) {
    const value = record[spec.key];
    if (spec.type === 'checkbox') values[spec.key] = value ? 'yes' : '';
    else if (spec.type === 'date') {
      const [year = '', month = '', day = ''] = String(value ?? '').split('-');
      values[`${spec.key}.day`] = day.replace(/^0/, '');
      values[`${spec.key}.month`] = month.replace(/^0/, '');
      values[`${spec.key}.year`] = year;
    } else if (spec.type === 'rule') {
      const conditions = (value as GroupRule | undefined)?.conditions ?? [];
      for (let i = 0; i < RULE_ROWS; i++) {
        const c = conditions[i];
        values[ruleKey(i, 'field')] = c?.field ?? '';
        values[ruleKey(i, 'operator')] = c?.operator ?? '';
        values[ruleKey(i, 'values')] = c?.values.join(', ') ?? '';
      }
    } else values[spec.key] = value === undefined || value === null ? '' : String(value);
  }
  return values;
}

export const WHOLE_PARTNERSHIP = 'Whole partnership';

/** Choices for the selects: what is in use, plus whatever the item being edited already points at. */
export function optionsFor(config: TenantConfig, item?: ConfigItem): Record<'networks' | 'groups' | 'areas', Option[]> {
  const record = (item ?? {}) as Record<string, unknown>;
  const choose = <T extends { id: string; name: string; status: string }>(list: T[], current: unknown) =>
    list
      .filter((i) => i.status === 'active' || i.id === current)
      .map((i) => ({ value: i.id, label: i.status === 'active' ? i.name : `${i.name} (retired)` }));
  const districts = [...new Set(config.hubNetwork.filter((n) => n.status === 'active').map((n) => n.district))];
  if (typeof record.area === 'string' && record.area !== 'all' && !districts.includes(record.area)) districts.push(record.area);
  return {
    networks: choose(config.hubNetwork, record.networkId),
    groups: choose(config.group, record.groupId),
    areas: [{ value: 'all', label: WHOLE_PARTNERSHIP }, ...districts.map((d) => ({ value: d, label: d }))],
  };
}

export function ruleOptions(): RuleOptions {
  return {
    fields: ruleFieldNames.map((f) => {
      const spec = ruleFields[f];
      return {
        value: f,
        label: spec.label,
        answers: 'values' in spec ? spec.values.join(', ') : 'any answer, as the person wrote it (for example: polish, urdu)',
      };
    }),
    operators: operators.map((o) => ({ value: o, label: operatorLabels[o] })),
  };
}

export const formatDate = (iso: string): string => dayText(iso.slice(0, 10));

export interface ItemView {
  id: string;
  title: string;
  details: { label: string; value: string }[];
  status: 'active' | 'retired';
  illustrative: boolean;
  version: number;
  refCount: number;
  /** Hubs are ordered within their network. */
  groupId?: string;
}

/** An item as people read it: names instead of ids, Yes/No, dates in words. */
export function itemView(kind: ConfigKind, item: ConfigItem, config: TenantConfig): ItemView {
  const names = new Map<string, string>([...config.hubNetwork, ...config.group].map((i) => [`${i.kind}#${i.id}`, i.name]));
  const base = { id: item.id, status: item.status, version: item.version, refCount: item.refCount, illustrative: false };
  const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
  switch (item.kind) {
    case 'priority':
      return {
        ...base,
        title: item.name,
        details: [
          ...(item.summary ? [{ label: 'Summary', value: item.summary }] : []),
          ...(item.keywords ? [{ label: 'Words that suggest it', value: item.keywords.split(/\n+/).join(', ') }] : []),
        ],
      };
    case 'crossCuttingTheme':
      return { ...base, title: item.name, details: item.description ? [{ label: 'Description', value: item.description }] : [] };
    case 'hubNetwork':
      return {
        ...base,
        title: item.name,
        details: [
          { label: 'District', value: item.district },
          { label: 'Mostly rural', value: yesNo(item.rural) },
          ...(item.postcodeDistricts ? [{ label: 'Postcode districts', value: item.postcodeDistricts }] : []),
        ],
      };
    case 'hub':
      return {
        ...base,
        title: item.name,
        groupId: item.networkId,
        details: [
          { label: 'Hub network', value: names.get(`hubNetwork#${item.networkId}`) ?? item.networkId },
          { label: 'Rural', value: yesNo(item.rural) },
          { label: 'Deprivation decile', value: String(item.deprivationDecile) },
        ],
      };
    case 'group':
      return {
        ...base,
        title: item.name,
        details: [
          ...(item.description ? [{ label: 'Description', value: item.description }] : []),
          { label: 'Who is in it', value: describeRule(item.rule) },
        ],
      };
    case 'baseline': {
      const group = names.get(`group#${item.groupId}`) ?? item.groupId;
      return {
        ...base,
        illustrative: item.illustrative,
        title: `${group}: ${item.area === 'all' ? WHOLE_PARTNERSHIP : item.area}`,
        details: [
          { label: 'Share of the population', value: `${item.sharePercent}%` },
          { label: 'Source', value: item.source },
          { label: 'Date of the source', value: formatDate(item.sourceDate) },
        ],
      };
    }
  }
  return { ...base, title: kind, details: [] };
}

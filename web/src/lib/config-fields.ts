import type { ConfigKind } from '@pv/shared/config.schema';

/**
 * The fields of each configuration form, in the order they are shown. Keys are the input
 * properties of configInputs[kind] (shared/src/config.schema.ts), so an error path from zod or from
 * the API ("rule.conditions.0.values") finds its field. Kept free of zod so the browser bundle stays small.
 */
export type OptionList = 'networks' | 'groups' | 'areas';

interface Common {
  key: string;
  label: string;
  hint?: string;
}

export type FieldSpec =
  | (Common & { type: 'text'; width?: 'full' | 'half' | 'third' })
  | (Common & { type: 'textarea' })
  | (Common & { type: 'number'; inputmode: 'numeric' | 'decimal'; suffix?: string })
  | (Common & { type: 'select'; options: OptionList; choose: string; fixedOnEdit?: boolean })
  | (Common & { type: 'checkbox' })
  | (Common & { type: 'date' })
  | (Common & { type: 'rule' });

export const RULE_ROWS = 3;

const name = (example: string): FieldSpec => ({ type: 'text', key: 'name', label: 'Name', hint: `For example, ${example}` });

export const configFields: Record<ConfigKind, FieldSpec[]> = {
  priority: [
    name('Parents’ mental health'),
    {
      type: 'textarea',
      key: 'summary',
      label: 'Summary (optional)',
      hint: 'What this priority is about, in a sentence or two. Families will see this.',
    },
    {
      type: 'textarea',
      key: 'keywords',
      label: 'Words and phrases that suggest a comment is about this priority (optional)',
      hint: 'One a line, for example “waiting list” or “health visitor”. A word also finds its plural; end a word with * to find any ending, like wait* for waiting and waited. Officers see these suggestions when they tag feedback; only officers see this list.',
    },
  ],
  crossCuttingTheme: [
    name('Think Dad'),
    { type: 'textarea', key: 'description', label: 'Description (optional)', hint: 'What this theme means for the partnership.' },
  ],
  hubNetwork: [
    name('Ashfield Family Hub network'),
    { type: 'text', key: 'district', label: 'District', hint: 'The council district this network covers, for example Ashfield', width: 'half' },
    { type: 'checkbox', key: 'rural', label: 'This network is mostly rural' },
    {
      type: 'text',
      key: 'postcodeDistricts',
      label: 'Postcode districts (optional)',
      hint: 'The first part of the postcodes this network covers, like NG18 NG19, so families can find their panel by postcode',
    },
  ],
  hub: [
    name('Kirkby Family Hub'),
    { type: 'select', key: 'networkId', label: 'Hub network', choose: 'Choose a hub network', options: 'networks' },
    { type: 'checkbox', key: 'rural', label: 'This hub is in a rural area' },
    {
      type: 'number',
      key: 'deprivationDecile',
      label: 'Deprivation decile',
      hint: 'A whole number from 1 to 10. 1 means the most deprived 10% of areas in England, 10 the least deprived.',
      inputmode: 'numeric',
    },
  ],
  group: [
    name('Dads and partners'),
    { type: 'textarea', key: 'description', label: 'Description (optional)', hint: 'Who is in this group, in plain words.' },
    {
      type: 'rule',
      key: 'rule',
      label: 'Who is in this group',
      hint: `A person is in the group when any one of these conditions is true. Fill in 1 to ${RULE_ROWS} conditions; leave the others empty.`,
    },
  ],
  baseline: [
    { type: 'select', key: 'groupId', label: 'Group', choose: 'Choose a group', options: 'groups', fixedOnEdit: true },
    {
      type: 'select',
      key: 'area',
      label: 'Area',
      hint: 'The whole partnership, or one district',
      choose: 'Choose an area',
      options: 'areas',
      fixedOnEdit: true,
    },
    {
      type: 'number',
      key: 'sharePercent',
      label: 'Share of the local population',
      hint: 'As a percentage, for example 12.5',
      inputmode: 'decimal',
      suffix: '%',
    },
    { type: 'text', key: 'source', label: 'Source', hint: 'Where this figure comes from, for example ONS Census 2021' },
    { type: 'date', key: 'sourceDate', label: 'Date of the source', hint: 'For example, 21 3 2021' },
    {
      type: 'checkbox',
      key: 'illustrative',
      label: 'These figures are illustrative',
      hint: 'Tick this if the figure is a placeholder, not a published statistic. It will be marked “Illustrative” everywhere it is shown.',
    },
  ],
};

export const kindIntro: Record<ConfigKind, string> = {
  priority: 'The priorities of your strategy. Feedback from families is tagged to them.',
  crossCuttingTheme: 'Themes that run across all the priorities, like Think Dad or inclusion.',
  hubNetwork: 'Your Family Hub networks, usually one for each district.',
  hub: 'The Family Hubs and sites in each network, and whether each is rural and how deprived its area is.',
  group: 'The under-represented groups you want to hear from, and the rule that decides who is in each one.',
  baseline: 'Each group’s share of the local population, with where the figure comes from and its date.',
};

export const illustrativeNote =
  'Figures marked “Illustrative” are placeholders, not published statistics. Replace them with figures from a real source before you rely on them.';

export interface Option {
  value: string;
  label: string;
}

export interface RuleOptions {
  fields: (Option & { answers: string })[];
  operators: Option[];
}

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

/** The id of the input an error message belongs to (the target of the error summary's link). */
export function fieldId(key: string): string {
  const row = /^rule\.conditions\.(\d+)\.(field|operator|values)$/.exec(key);
  if (row) return `rule-${row[1]}-${row[2]}`;
  if (key === 'rule' || key === 'rule.conditions') return 'rule-0-field';
  if (key === 'sourceDate') return 'sourceDate-day';
  return key;
}

/** Every key an error can have in a form of this kind, in the order the fields are shown. */
export function errorKeys(kind: ConfigKind): string[] {
  return configFields[kind].flatMap((field) =>
    field.type === 'rule'
      ? [
          'rule',
          'rule.conditions',
          ...Array.from({ length: RULE_ROWS }, (_, i) => [`rule.conditions.${i}.field`, `rule.conditions.${i}.operator`, `rule.conditions.${i}.values`]).flat(),
        ]
      : [field.key],
  );
}

export interface SummaryError {
  href?: string;
  message: string;
}

/** Errors for the error summary, in the order of the fields on the page; others (like "version") last. */
export function summaryErrors(kind: ConfigKind, errors: FormErrors | undefined): SummaryError[] {
  if (!errors) return [];
  const keys = errorKeys(kind);
  const known = keys.filter((k) => errors[k]).map((k) => ({ href: `#${fieldId(k)}`, message: errors[k]! }));
  const other = Object.keys(errors)
    .filter((k) => !keys.includes(k))
    .map((k) => ({ href: k === '_' ? undefined : '#submit', message: errors[k]! }));
  return [...known, ...other];
}

import * as z from 'zod';
import { groupRule } from './group-rule.ts';
import { formBoolean, optionalEmail, optionalText, slug, text, version } from './validation.ts';

/**
 * A partnership's configuration: priorities, cross-cutting themes, hub networks and hubs,
 * under-represented groups and their population baselines. Shared by the API (validation) and
 * the web (forms, types).
 */

export const configKinds = ['priority', 'crossCuttingTheme', 'hubNetwork', 'hub', 'group', 'baseline'] as const;
export type ConfigKind = (typeof configKinds)[number];

/** URL segment ↔ kind. */
export const kindSegments: Record<ConfigKind, string> = {
  priority: 'priorities',
  crossCuttingTheme: 'cross-cutting-themes',
  hubNetwork: 'hub-networks',
  hub: 'hubs',
  group: 'groups',
  baseline: 'baselines',
};
export const kindFromSegment = Object.fromEntries(Object.entries(kindSegments).map(([k, s]) => [s, k])) as Record<
  string,
  ConfigKind
>;

export const kindLabels: Record<ConfigKind, { one: string; many: string }> = {
  priority: { one: 'priority', many: 'Priorities' },
  crossCuttingTheme: { one: 'cross-cutting theme', many: 'Cross-cutting themes' },
  hubNetwork: { one: 'hub network', many: 'Hub networks' },
  hub: { one: 'hub', many: 'Hubs' },
  group: { one: 'group', many: 'Under-represented groups' },
  baseline: { one: 'baseline', many: 'Population baselines' },
};

const decile = z.coerce
  .number({ error: 'Enter a deprivation decile from 1 to 10' })
  .int({ error: 'Enter a whole number from 1 to 10' })
  .min(1, { error: 'Enter a deprivation decile from 1 to 10' })
  .max(10, { error: 'Enter a deprivation decile from 1 to 10' });

const isoDate = z
  .string({ error: 'Enter the date of the source' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Enter the date as year, month and day, like 2021-03-21' })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    error: 'Enter a real date',
  })
  .refine((d) => d <= new Date().toISOString().slice(0, 10), { error: 'The date of the source must be today or in the past' });

/** "ng18, NG19 ng20" → "NG18 NG19 NG20"; every entry must look like a postcode district. */
const postcodeDistrictList = z
  .string()
  .optional()
  .transform((s) => [...new Set((s ?? '').toUpperCase().split(/[\s,;]+/).filter(Boolean))].join(' '))
  .pipe(
    z
      .string()
      .max(400, { error: 'Postcode districts must be 400 characters or fewer' })
      .refine((s) => s === '' || s.split(' ').every((d) => /^[A-Z]{1,2}\d[A-Z\d]?$/.test(d)), {
        error: 'Enter postcode districts like NG18 NG19, separated by spaces or commas',
      }),
  );

export const configInputs = {
  priority: z.object({
    name: text('Enter a name', 'Name', { min: 3, max: 120 }),
    summary: optionalText('Summary', 600),
    /** Words and phrases that suggest a comment is about this priority (one a line): the triage matcher's list. */
    keywords: optionalText('Words and phrases', 3000),
  }),
  crossCuttingTheme: z.object({
    name: text('Enter a name', 'Name', { min: 3, max: 120 }),
    description: optionalText('Description', 600),
  }),
  hubNetwork: z.object({
    name: text('Enter a name', 'Name', { min: 3, max: 120 }),
    district: text('Enter a district', 'District', { min: 2, max: 80 }),
    rural: formBoolean,
    /** Outward codes ("NG18 NG19"), so a parent can find their panel by typing a postcode. */
    postcodeDistricts: postcodeDistrictList,
  }),
  hub: z.object({
    name: text('Enter a name', 'Name', { min: 2, max: 120 }),
    networkId: slug.describe('hub network'),
    rural: formBoolean,
    deprivationDecile: decile,
  }),
  group: z.object({
    name: text('Enter a name', 'Name', { min: 3, max: 120 }),
    description: optionalText('Description', 600),
    rule: groupRule,
  }),
  baseline: z.object({
    groupId: slug,
    /** "all" for the whole partnership, or the name of a district. */
    area: text('Choose an area', 'Area', { min: 2, max: 80 }),
    sharePercent: z.coerce
      .number({ error: 'Enter the share as a percentage from 0 to 100' })
      .min(0, { error: 'Enter the share as a percentage from 0 to 100' })
      .max(100, { error: 'Enter the share as a percentage from 0 to 100' }),
    source: text('Enter the source of this figure', 'Source', { min: 3, max: 200 }),
    sourceDate: isoDate,
    illustrative: formBoolean,
  }),
} as const;

export type ConfigInput<K extends ConfigKind> = z.output<(typeof configInputs)[K]>;

export const configStatus = ['active', 'retired'] as const;
export type ConfigStatus = (typeof configStatus)[number];

export interface ConfigItemBase<K extends ConfigKind> {
  kind: K;
  id: string;
  order: number;
  status: ConfigStatus;
  version: number;
  /** How many other records point at this one; a referenced item can be retired, not deleted. */
  refCount: number;
  createdAt: string;
  updatedAt: string;
}

export type ConfigItem<K extends ConfigKind = ConfigKind> = K extends ConfigKind ? ConfigItemBase<K> & ConfigInput<K> : never;

export type Priority = ConfigItem<'priority'>;
export type CrossCuttingTheme = ConfigItem<'crossCuttingTheme'>;
export type HubNetwork = ConfigItem<'hubNetwork'>;
export type Hub = ConfigItem<'hub'>;
export type Group = ConfigItem<'group'>;
export type Baseline = ConfigItem<'baseline'>;

export interface TenantConfig {
  tenant: Tenant;
  priority: Priority[];
  crossCuttingTheme: CrossCuttingTheme[];
  hubNetwork: HubNetwork[];
  hub: Hub[];
  group: Group[];
  baseline: Baseline[];
}

/** A whole number of days, months or years within bounds, for a retention period. */
const period = (what: string, unit: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter how many ${unit} we keep ${what}, from ${min} to ${max}` })
    .int({ error: `Enter a whole number of ${unit} for ${what}, from ${min} to ${max}` })
    .min(min, { error: `Keep ${what} for at least ${min} ${min === 1 ? unit.replace(/s$/, '') : unit}` })
    .max(max, { error: `Keep ${what} for at most ${max} ${unit}` })
    .optional();

/**
 * How long the partnership keeps each kind of personal data (issue 14, item 8). Optional on the
 * record: a tenant stored before these existed has the defaults (`retentionOf`). The daily retention
 * job (`functions/src/retention/`) deletes what is due, and the privacy texts parents read quote them.
 */
export const retentionFields = {
  /** Survey responses, in months after the survey closes (default 24). */
  keepResponsesMonths: period('survey answers', 'months', 1, 120),
  /** Joins nobody confirmed, in days after joining (default 30). */
  keepUnconfirmedDays: period('unconfirmed joins', 'days', 7, 365),
  /** A member's contact details, in months after they left (default 12). */
  keepLeftMembersMonths: period('contact details of members who left', 'months', 1, 72),
  /** Copies of sent messages in the outbox, in days (default 90). */
  keepSentMessagesDays: period('copies of sent messages', 'days', 7, 730),
  /** Audit entries, in years (default 6). */
  keepAuditYears: period('audit entries', 'years', 1, 12),
};
export type RetentionSettings = { [K in keyof typeof retentionFields]-?: number };
export const retentionDefaults: RetentionSettings = {
  keepResponsesMonths: 24,
  keepUnconfirmedDays: 30,
  keepLeftMembersMonths: 12,
  keepSentMessagesDays: 90,
  keepAuditYears: 6,
};
/** A tenant's retention periods, with the defaults for any it has not set. */
export function retentionOf(tenant: Partial<RetentionSettings>): RetentionSettings {
  const out = { ...retentionDefaults };
  for (const key of Object.keys(retentionDefaults) as (keyof RetentionSettings)[]) {
    const value = tenant[key];
    if (typeof value === 'number') out[key] = value;
  }
  return out;
}

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * What parents read about how long we keep things, made from the tenant's settings so it is always
 * what the retention job does (survey, join, membership and "your data" pages; the data download).
 */
export function retentionWording(tenant: Partial<RetentionSettings>) {
  const r = retentionOf(tenant);
  return {
    responses: `We keep your answers for ${count(r.keepResponsesMonths, 'month')} after the survey closes, then delete them. The totals stay, with nothing in them that says who you are.`,
    unconfirmed: `If you do not confirm within ${count(r.keepUnconfirmedDays, 'day')}, we delete your details.`,
    alreadyLeft: `We keep the details below for ${count(r.keepLeftMembersMonths, 'month')} after you left, then delete them.`,
    left: `If you leave, we keep your contact details for ${count(r.keepLeftMembersMonths, 'month')}, then delete them. You can erase them sooner yourself.`,
    sentMessages: `We keep copies of the emails we send you for ${count(r.keepSentMessagesDays, 'day')}, then delete them.`,
  };
}

export const tenantInput = z.object({
  id: slug,
  name: text('Enter a name', 'Name', { min: 3, max: 120 }),
  strategy: optionalText('Strategy', 200),
  about: optionalText('Introduction', 1200),
  /** Counts below this are suppressed in partner and public views (5 as NHS Digital did for HES; some partners use 10, as ONS does). */
  suppressionThreshold: z.coerce
    .number({ error: 'Enter the smallest number to show, from 5 to 20' })
    .int({ error: 'Enter a whole number from 5 to 20' })
    .min(5, { error: 'The smallest number to show must be 5 or more, to protect privacy' })
    .max(20, { error: 'The smallest number to show must be 20 or less' })
    .default(5),
  /**
   * Who reads comments an officer flags as a safeguarding concern (the partnership's designated
   * safeguarding lead, signed in as staff). Nobody else can read a flagged comment.
   */
  safeguardingContact: optionalEmail,
  /** A staff session ends after this many minutes without a request (and always 12 hours after signing in). */
  staffIdleMinutes: z.coerce
    .number({ error: 'Enter the minutes from 15 to 120, like 30' })
    .int({ error: 'Enter a whole number of minutes from 15 to 120' })
    .min(15, { error: 'Staff must be signed out after 15 minutes or more without using Parent Voice' })
    .max(120, { error: 'Staff must be signed out after 120 minutes or fewer without using Parent Voice' })
    .default(30),
  ...retentionFields,
});
/** What an admin can change about their partnership (not its id). */
export const tenantSettingsInput = tenantInput.omit({ id: true }).extend({ version });
export type Tenant = z.output<typeof tenantInput> & { version: number; createdAt: string; updatedAt: string };

/** The public face of a tenant: nothing an officer has retired, nothing internal. */
export interface PublicTenant {
  id: string;
  name: string;
  strategy: string;
  about: string;
  /** Counts under this are never shown ("fewer than 5"): published so the public pages can say so. */
  suppressionThreshold: number;
  priorities: { id: string; name: string; summary: string }[];
  hubNetworks: {
    id: string;
    name: string;
    district: string;
    rural: boolean;
    postcodeDistricts: string;
    hubs: { id: string; name: string }[];
  }[];
  /** Under-represented groups in use, by name only (for the public log's filter and wording; never the rules behind them). */
  groups: { id: string; name: string }[];
  /** How long personal data is kept, so the privacy texts parents read say what the retention job does. */
  retention: RetentionSettings;
}

export const updateEnvelope = z.object({ version });
export const moveInput = z.object({ direction: z.enum(['up', 'down'], { error: 'Choose up or down' }), version });
export const statusChangeInput = z.object({ version });

export interface AuditEntry {
  id: string;
  at: string;
  actor: { sub: string; email: string };
  action: 'create' | 'update' | 'move' | 'retire' | 'restore' | 'delete' | 'confirm' | 'export' | 'erase' | 'invite' | 'attendance' | 'publish' | 'close' | 'remind' | 'flag' | 'approve' | 'merge' | 'split';
  kind: ConfigKind | 'tenant' | 'panel' | 'member' | 'meeting' | 'survey' | 'consultation' | 'feedback' | 'theme' | 'action' | 'retention';
  /** For panels, members, meetings and surveys: what happened in words, never a member's personal data. */
  summary?: string;
  itemId: string;
  /** Field → [before, after]; only the fields that changed. */
  changes: Record<string, [unknown, unknown]>;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

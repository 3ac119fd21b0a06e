import { momentText } from '@pv/shared/dates';
import { kindLabels, type AuditEntry, type TenantConfig } from '@pv/shared/config.schema';
import { describeRule, type GroupRule } from '@pv/shared/group-rule';
import { toSlug } from '@pv/shared/validation';
import { configFields } from '$lib/config-fields';
import { ApiError } from '$lib/server/api';
import { adminContext } from '$lib/server/admin';
import { formatDate, WHOLE_PARTNERSHIP } from '$lib/server/config-form';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 25;

const verbs: Record<AuditEntry['action'], string> = {
  create: 'Added',
  update: 'Changed',
  move: 'Moved',
  retire: 'Retired',
  restore: 'Restored',
  delete: 'Deleted',
  confirm: 'Confirmed',
  export: 'Exported',
  erase: 'Erased',
  invite: 'Invited',
  attendance: 'Recorded attendance',
  publish: 'Published',
  close: 'Closed',
  remind: 'Reminded',
  flag: 'Flagged',
  approve: 'Approved',
  merge: 'Merged',
  split: 'Split',
};

const fieldLabels: Record<string, string> = {
  ...Object.fromEntries(
    Object.values(configFields)
      .flat()
      .map((f) => [f.key, f.label.replace(/ \(optional\)$/, '')]),
  ),
  rule: 'Who is in it',
  status: 'Status',
  order: 'Position',
  direction: 'Direction',
  strategy: 'Strategy',
  about: 'Introduction',
  suppressionThreshold: 'Smallest number to show',
  safeguardingContact: 'Safeguarding contact',
  staffIdleMinutes: 'Minutes before staff are signed out',
  keepResponsesMonths: 'Months we keep survey answers after a survey closes',
  keepUnconfirmedDays: 'Days we keep joins nobody confirmed',
  keepLeftMembersMonths: 'Months we keep contact details after a member leaves',
  keepSentMessagesDays: 'Days we keep copies of sent emails',
  keepAuditYears: 'Years we keep the audit log',
  surveysCleared: 'Closed surveys whose answers were deleted',
  responsesDeleted: 'Survey answers deleted',
  unconfirmedErased: 'Unconfirmed joins deleted',
  leftMembersErased: 'Members who left, details deleted',
  membersSkipped: 'Members left for the next run (they changed meanwhile)',
  auditEntriesDeleted: 'Old audit entries deleted',
};


function display(field: string, value: unknown, config: TenantConfig): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'rule') {
    try {
      return describeRule(value as GroupRule);
    } catch {
      return JSON.stringify(value);
    }
  }
  if (field === 'networkId') return config.hubNetwork.find((n) => n.id === value)?.name ?? String(value);
  if (field === 'groupId') return config.group.find((g) => g.id === value)?.name ?? String(value);
  if (field === 'area' && value === 'all') return WHOLE_PARTNERSHIP;
  if (field === 'sourceDate' && typeof value === 'string') return formatDate(value);
  if (field === 'sharePercent') return `${String(value)}%`;
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function itemName(entry: AuditEntry, config: TenantConfig): string {
  if (entry.kind === 'baseline') {
    // Baseline ids are "<group>--<area>"; say them as the list does.
    const [groupId = '', area = ''] = entry.itemId.split('--');
    const group = config.group.find((g) => g.id === groupId)?.name ?? groupId;
    return `${group}: ${area === 'all' ? WHOLE_PARTNERSHIP : (config.hubNetwork.find((n) => toSlug(n.district) === area)?.district ?? area)}`;
  }
  if (entry.kind in kindLabels) {
    const item = (config[entry.kind as keyof typeof kindLabels] as { id: string; name?: string }[]).find((i) => i.id === entry.itemId);
    if (item?.name) return item.name;
  }
  const name = entry.changes.name?.[0] ?? entry.changes.name?.[1];
  return typeof name === 'string' ? name : entry.itemId;
}

/** Everything but the config and the partnership carries its own words (never a member's personal data). */
const describedKinds = ['panel', 'member', 'meeting', 'survey', 'consultation', 'feedback', 'theme', 'action'] as const;

function describe(entry: AuditEntry, config: TenantConfig): string {
  if (entry.kind === 'tenant') return `${verbs[entry.action] ?? entry.action} partnership ‘${itemName(entry, config)}’`;
  if ((describedKinds as readonly string[]).includes(entry.kind) || !(entry.kind in kindLabels)) {
    return entry.summary ?? `${verbs[entry.action] ?? entry.action} ${entry.kind}`;
  }
  return `${verbs[entry.action] ?? entry.action} ${kindLabels[entry.kind as keyof typeof kindLabels].one} ‘${itemName(entry, config)}’`;
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = adminContext(locals, url);
  const cursor = url.searchParams.get('cursor') ?? undefined;
  const config = await client.config(tenantId);
  try {
    const page = await client.audit(tenantId, { cursor, limit: PAGE_SIZE });
    return {
      older: page.next ? `/admin/audit?cursor=${encodeURIComponent(page.next)}` : undefined,
      isFirstPage: !cursor,
      problem: undefined,
      entries: page.items.map((entry) => ({
        id: entry.id,
        at: entry.at,
        when: momentText(entry.at),
        who: entry.actor.email || 'Unknown',
        what: describe(entry, config),
        changes: Object.entries(entry.changes).map(([field, [before, after]]) => ({
          field: fieldLabels[field] ?? field,
          before: before === null || before === undefined ? undefined : display(field, before, config),
          after: after === null || after === undefined ? undefined : display(field, after, config),
        })),
      })),
    };
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      return { older: undefined, isFirstPage: false, entries: [], problem: e.problem.title };
    }
    throw e;
  }
};

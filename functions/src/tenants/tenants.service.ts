import {
  kindLabels,
  type AuditEntry,
  type ConfigInput,
  type ConfigItem,
  type ConfigKind,
  type ConfigStatus,
  type PublicTenant,
  type RetentionSettings,
  retentionDefaults,
  retentionOf,
  type Tenant,
  type TenantConfig,
} from '@pv/shared/config.schema';
import type { Caller } from '@pv/shared/auth.schema';
import { DomainError, invalid, notFound } from '@pv/shared/errors';
import { toSlug } from '@pv/shared/validation';
import { auditEntry } from '../audit/audit-entry.ts';
import { nowIso } from '../platform/ids.ts';
import * as repo from './tenants.repository.ts';
import type { RefChange } from './tenants.repository.ts';

/** The rules of a partnership's configuration: names are unique, references are real, referenced things are retired not deleted. */

export async function requireTenant(tenantId: string): Promise<Tenant> {
  const tenant = await repo.getTenant(tenantId);
  if (!tenant) throw notFound('There is no partnership at this address.');
  return tenant;
}

export async function listTenants(): Promise<{ id: string; name: string }[]> {
  const tenants = await repo.listTenants();
  return tenants.map((t) => ({ id: t.id, name: t.name })).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getConfig(tenantId: string): Promise<TenantConfig> {
  return repo.getConfig(await requireTenant(tenantId));
}

export async function getPublicTenant(tenantId: string): Promise<PublicTenant> {
  const config = await getConfig(tenantId);
  const active = <T extends { status: ConfigStatus }>(items: T[]) => items.filter((i) => i.status === 'active');
  return {
    id: config.tenant.id,
    name: config.tenant.name,
    strategy: config.tenant.strategy,
    about: config.tenant.about,
    suppressionThreshold: config.tenant.suppressionThreshold,
    priorities: active(config.priority).map((p) => ({ id: p.id, name: p.name, summary: p.summary })),
    hubNetworks: active(config.hubNetwork).map((n) => ({
      id: n.id,
      name: n.name,
      district: n.district,
      rural: n.rural,
      postcodeDistricts: n.postcodeDistricts ?? '',
      hubs: active(config.hub)
        .filter((h) => h.networkId === n.id)
        .map((h) => ({ id: h.id, name: h.name })),
    })),
    groups: active(config.group).map((g) => ({ id: g.id, name: g.name })),
    retention: retentionOf(config.tenant),
  };
}

function idFor<K extends ConfigKind>(kind: K, input: ConfigInput<K>): string {
  if (kind === 'baseline') {
    const b = input as ConfigInput<'baseline'>;
    return `${b.groupId}--${b.area === 'all' ? 'all' : toSlug(b.area)}`;
  }
  const id = toSlug((input as { name: string }).name);
  if (!id) {
    throw invalid({ name: 'Use at least one letter or number in the name' });
  }
  return id;
}

/** What this item points at, so reference counts stay right. */
function referencesOf(kind: ConfigKind, item: Record<string, unknown>): { kind: ConfigKind; id: string }[] {
  if (kind === 'hub') return [{ kind: 'hubNetwork', id: String(item.networkId) }];
  if (kind === 'baseline') return [{ kind: 'group', id: String(item.groupId) }];
  return [];
}

function refDiff(kind: ConfigKind, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): RefChange[] {
  const key = (r: { kind: ConfigKind; id: string }) => `${r.kind}#${r.id}`;
  const was = before ? referencesOf(kind, before) : [];
  const now = after ? referencesOf(kind, after) : [];
  return [
    ...now.filter((r) => !was.some((w) => key(w) === key(r))).map((r) => ({ ...r, by: 1 as const })),
    ...was.filter((w) => !now.some((r) => key(r) === key(w))).map((w) => ({ ...w, by: -1 as const })),
  ];
}

function checkReferences(kind: ConfigKind, input: Record<string, unknown>, config: TenantConfig): void {
  const errors: Record<string, string> = {};
  if (kind === 'hub') {
    const network = config.hubNetwork.find((n) => n.id === input.networkId);
    if (!network || network.status !== 'active') errors.networkId = 'Choose a hub network that is in use';
  }
  if (kind === 'baseline') {
    const group = config.group.find((g) => g.id === input.groupId);
    if (!group || group.status !== 'active') errors.groupId = 'Choose a group that is in use';
    const districts = config.hubNetwork.filter((n) => n.status === 'active').map((n) => n.district);
    if (input.area !== 'all' && !districts.includes(String(input.area))) {
      errors.area = `Choose the whole partnership or one of its districts: ${districts.join(', ')}`;
    }
  }
  if (Object.keys(errors).length) throw invalid(errors);
}

function toStored<K extends ConfigKind>(kind: K, input: ConfigInput<K>): ConfigInput<K> {
  if (kind === 'baseline') {
    const b = input as ConfigInput<'baseline'>;
    // Shares are kept as a percentage with at most one decimal place, as they are entered.
    return { ...b, sharePercent: Math.round(b.sharePercent * 10) / 10 } as ConfigInput<K>;
  }
  return input;
}

function diff(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): Record<string, [unknown, unknown]> {
  const skip = new Set(['version', 'updatedAt', 'createdAt', 'refCount', 'kind', 'id']);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const k of keys) {
    if (skip.has(k)) continue;
    const a = before?.[k];
    const b = after?.[k];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[k] = [a ?? null, b ?? null];
  }
  return changes;
}

function audit(caller: Caller, action: AuditEntry['action'], kind: ConfigKind, itemId: string, changes: AuditEntry['changes']): AuditEntry {
  return auditEntry(caller, { action, kind, itemId, changes });
}

async function requireItem(tenantId: string, kind: ConfigKind, id: string): Promise<ConfigItem> {
  const item = await repo.getConfigItem(tenantId, kind, id);
  if (!item) throw notFound(`There is no ${kindLabels[kind].one} with this id.`);
  return item;
}

function requireVersion(item: ConfigItem, expected: number): void {
  if (item.version !== expected) {
    throw new DomainError('conflict', 'Someone else changed this while you were editing. Check their version and make your change again.', {
      current: item,
    });
  }
}

export async function createConfigItem<K extends ConfigKind>(caller: Caller, tenantId: string, kind: K, input: ConfigInput<K>): Promise<ConfigItem> {
  const config = await getConfig(tenantId);
  checkReferences(kind, input as Record<string, unknown>, config);
  const id = idFor(kind, input);
  const siblings = config[kind] as ConfigItem[];
  if (siblings.some((s) => s.id === id)) {
    const message =
      kind === 'baseline'
        ? 'There is already a baseline for this group and area. Edit that one instead.'
        : `There is already a ${kindLabels[kind].one} with this name. Choose a different name.`;
    throw new DomainError('conflict', message, { errors: { [kind === 'baseline' ? 'area' : 'name']: message } });
  }
  const now = nowIso();
  const item = {
    ...toStored(kind, input),
    kind,
    id,
    order: siblings.reduce((max, s) => Math.max(max, s.order), 0) + 1,
    status: 'active',
    version: 1,
    refCount: 0,
    createdAt: now,
    updatedAt: now,
  } as unknown as ConfigItem;
  await repo.createConfigItem(
    tenantId,
    item,
    audit(caller, 'create', kind, id, diff(undefined, item as unknown as Record<string, unknown>)),
    refDiff(kind, undefined, item as unknown as Record<string, unknown>),
  );
  return item;
}

export async function updateConfigItem<K extends ConfigKind>(
  caller: Caller,
  tenantId: string,
  kind: K,
  id: string,
  expectedVersion: number,
  input: ConfigInput<K>,
): Promise<ConfigItem> {
  const config = await getConfig(tenantId);
  const before = await requireItem(tenantId, kind, id);
  requireVersion(before, expectedVersion);
  if (kind === 'baseline') {
    const b = input as ConfigInput<'baseline'>;
    const old = before as ConfigItem<'baseline'>;
    if (b.groupId !== old.groupId || b.area !== old.area) {
      throw invalid({ area: 'The group and area of a baseline cannot change. Add a new baseline instead.' });
    }
  }
  checkReferences(kind, input as Record<string, unknown>, config);
  const after = { ...before, ...toStored(kind, input), version: before.version + 1, updatedAt: nowIso() } as ConfigItem;
  const changes = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  if (Object.keys(changes).length === 0) return before;
  await repo.replaceConfigItems(
    tenantId,
    [{ item: after, expectedVersion }],
    audit(caller, 'update', kind, id, changes),
    refDiff(kind, before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>),
  );
  return after;
}

export async function moveConfigItem(
  caller: Caller,
  tenantId: string,
  kind: ConfigKind,
  id: string,
  direction: 'up' | 'down',
  expectedVersion: number,
): Promise<ConfigItem> {
  const config = await getConfig(tenantId);
  const item = (config[kind] as ConfigItem[]).find((i) => i.id === id);
  if (!item) throw notFound(`There is no ${kindLabels[kind].one} with this id.`);
  requireVersion(item, expectedVersion);
  // Hubs are ordered within their network; everything else within its kind.
  const siblings = (config[kind] as ConfigItem[]).filter(
    (i) => kind !== 'hub' || (i as ConfigItem<'hub'>).networkId === (item as ConfigItem<'hub'>).networkId,
  );
  const index = siblings.findIndex((i) => i.id === id);
  const other = siblings[direction === 'up' ? index - 1 : index + 1];
  if (!other) {
    throw new DomainError('invalid', `This ${kindLabels[kind].one} is already ${direction === 'up' ? 'first' : 'last'}.`);
  }
  const now = nowIso();
  const movedItem = { ...item, order: other.order, version: item.version + 1, updatedAt: now } as ConfigItem;
  const movedOther = { ...other, order: item.order, version: other.version + 1, updatedAt: now } as ConfigItem;
  await repo.replaceConfigItems(
    tenantId,
    [
      { item: movedItem, expectedVersion: item.version },
      { item: movedOther, expectedVersion: other.version },
    ],
    audit(caller, 'move', kind, id, { order: [item.order, other.order], direction: [null, direction] }),
    [],
  );
  return movedItem;
}

export async function setConfigStatus(
  caller: Caller,
  tenantId: string,
  kind: ConfigKind,
  id: string,
  status: ConfigStatus,
  expectedVersion: number,
): Promise<ConfigItem> {
  const config = await getConfig(tenantId);
  const item = await requireItem(tenantId, kind, id);
  requireVersion(item, expectedVersion);
  if (item.status === status) return item;
  if (status === 'active') {
    // Bringing back a hub or baseline needs what it points at to be in use.
    checkReferences(kind, item as unknown as Record<string, unknown>, config);
  }
  if (status === 'retired' && kind === 'hubNetwork') {
    const activeHubs = config.hub.filter((h) => h.networkId === id && h.status === 'active');
    if (activeHubs.length) {
      throw new DomainError('conflict', `Retire this network's ${activeHubs.length} hub${activeHubs.length === 1 ? '' : 's'} first.`);
    }
  }
  const after = { ...item, status, version: item.version + 1, updatedAt: nowIso() } as ConfigItem;
  await repo.replaceConfigItems(
    tenantId,
    [{ item: after, expectedVersion }],
    audit(caller, status === 'retired' ? 'retire' : 'restore', kind, id, { status: [item.status, status] }),
    [],
  );
  return after;
}

export async function deleteConfigItem(caller: Caller, tenantId: string, kind: ConfigKind, id: string, expectedVersion: number): Promise<void> {
  await requireTenant(tenantId);
  const item = await requireItem(tenantId, kind, id);
  requireVersion(item, expectedVersion);
  if (item.refCount > 0) {
    throw new DomainError(
      'conflict',
      `This ${kindLabels[kind].one} is used by ${item.refCount} other record${item.refCount === 1 ? '' : 's'}, so it cannot be deleted. Retire it instead.`,
    );
  }
  await repo.deleteConfigItem(
    tenantId,
    kind,
    id,
    expectedVersion,
    audit(caller, 'delete', kind, id, diff(item as unknown as Record<string, unknown>, undefined)),
    refDiff(kind, item as unknown as Record<string, unknown>, undefined),
  );
}

export async function updateTenantSettings(
  caller: Caller,
  tenantId: string,
  expectedVersion: number,
  input: Pick<Tenant, 'name' | 'strategy' | 'about' | 'suppressionThreshold' | 'safeguardingContact' | 'staffIdleMinutes'> & Partial<RetentionSettings>,
): Promise<Tenant> {
  const before = await requireTenant(tenantId);
  if (before.version !== expectedVersion) {
    throw new DomainError('conflict', 'Someone else changed these settings while you were editing. Check their version and make your change again.', {
      current: before,
    });
  }
  // A retention period the form did not send stays as it was (never reset to the default by omission).
  const given = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined || !(k in retentionDefaults)));
  const after: Tenant = { ...before, ...given, version: before.version + 1, updatedAt: nowIso() };
  const changes = diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
  if (Object.keys(changes).length === 0) return before;
  await repo.replaceTenant(after, expectedVersion, auditEntry(caller, { action: 'update', kind: 'tenant', itemId: tenantId, changes }));
  return after;
}


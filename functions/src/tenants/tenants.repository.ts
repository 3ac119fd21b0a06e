import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  configKinds,
  type AuditEntry,
  type ConfigItem,
  type ConfigKind,
  type Tenant,
  type TenantConfig,
} from '@pv/shared/config.schema';
import { DomainError } from '@pv/shared/errors';
import { auditPut } from '../audit/audit.repository.ts';
import { db, failedConditions, isConditionFailure, tableName } from '../platform/dynamodb.ts';
import { tenantKeys } from './tenants.keys.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A reference from one config item to another: the target's refCount goes up or down in the same transaction. */
export interface RefChange {
  kind: ConfigKind;
  id: string;
  by: 1 | -1;
}

const META = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'type', 'tenantId'];

function strip<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!META.includes(k)) out[k] = v;
  return out as T;
}

export async function getTenant(tenantId: string): Promise<Tenant | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: tenantKeys.tenant(tenantId) }));
  return Item ? strip<Tenant>(Item) : undefined;
}

export async function listTenants(): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': tenantKeys.tenantsIndexPartition },
        ExclusiveStartKey: start,
      }),
    );
    tenants.push(...(out.Items ?? []).map((i) => strip<Tenant>(i)));
    start = out.LastEvaluatedKey;
  } while (start);
  return tenants;
}

/** Creates the tenant record if it is not there yet (the seed runs at every start). */
export async function putTenantIfAbsent(tenant: Tenant): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...tenantKeys.tenant(tenant.id), ...tenantKeys.tenantIndex(tenant.id), type: 'tenant', tenantId: tenant.id, ...tenant },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Replaces the tenant record if its version is still `expectedVersion`, with its audit entry. */
export async function replaceTenant(tenant: Tenant, expectedVersion: number, audit: AuditEntry): Promise<void> {
  await transact(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...tenantKeys.tenant(tenant.id), ...tenantKeys.tenantIndex(tenant.id), type: 'tenant', tenantId: tenant.id, ...tenant },
          ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
      auditPut(tenant.id, audit),
    ],
    () => new DomainError('conflict', 'Someone else changed these settings while you were editing. Check their version and make your change again.'),
  );
}

export async function getConfig(tenant: Tenant): Promise<TenantConfig> {
  const config = Object.fromEntries(configKinds.map((k) => [k, [] as ConfigItem[]])) as unknown as TenantConfig;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': tenantKeys.partition(tenant.id), ':sk': tenantKeys.configPrefix },
        ExclusiveStartKey: start,
      }),
    );
    for (const raw of out.Items ?? []) {
      const item = strip<ConfigItem>(raw);
      (config[item.kind] as ConfigItem[]).push(item);
    }
    start = out.LastEvaluatedKey;
  } while (start);
  for (const kind of configKinds) (config[kind] as ConfigItem[]).sort((a, b) => a.order - b.order);
  config.tenant = tenant;
  return config;
}

export async function getConfigItem(tenantId: string, kind: ConfigKind, id: string): Promise<ConfigItem | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: tenantKeys.configItem(tenantId, kind, id), ConsistentRead: true }),
  );
  return Item ? strip<ConfigItem>(Item) : undefined;
}

export function configRefUpdates(tenantId: string, refs: RefChange[]): TransactItem[] {
  return refs.map((ref) => ({
    Update: {
      TableName: tableName(),
      Key: tenantKeys.configItem(tenantId, ref.kind, ref.id),
      UpdateExpression: 'ADD refCount :by',
      // A new reference may only point at an item that exists and is in use.
      ConditionExpression: ref.by > 0 ? 'attribute_exists(PK) AND #status = :active' : 'attribute_exists(PK)',
      ...(ref.by > 0 ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: ref.by > 0 ? { ':by': ref.by, ':active': 'active' } : { ':by': ref.by },
    },
  }));
}

async function transact(items: TransactItem[], explain: (failedIndex: number) => DomainError): Promise<void> {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (isConditionFailure(error)) throw explain(failedConditions(error)[0] ?? 0);
    throw error;
  }
}

export async function createConfigItem(tenantId: string, item: ConfigItem, audit: AuditEntry, refs: RefChange[]): Promise<void> {
  await transact(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...tenantKeys.configItem(tenantId, item.kind, item.id), type: 'config', tenantId, ...item },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...configRefUpdates(tenantId, refs),
      auditPut(tenantId, audit),
    ],
    (i) =>
      i === 0
        ? new DomainError('conflict', 'One with this name already exists. Choose a different name.', {
            errors: { name: 'One with this name already exists. Choose a different name.' },
          })
        : new DomainError('conflict', 'Something it points to has just been retired or removed. Reload the page and try again.'),
  );
}

/**
 * Replaces an item if nobody else has changed it since `expectedVersion` (optimistic concurrency).
 * Several items can change together (moving swaps two orders) with their reference counts and the audit entry.
 */
export async function replaceConfigItems(
  tenantId: string,
  changes: { item: ConfigItem; expectedVersion: number }[],
  audit: AuditEntry,
  refs: RefChange[],
): Promise<void> {
  await transact(
    [
      ...changes.map(({ item, expectedVersion }) => {
        // refCount is owned by the items that point here: never overwrite it from a stale copy.
        const { refCount: _refCount, ...rest } = item;
        const names: Record<string, string> = {};
        const values: Record<string, unknown> = { ':expected': expectedVersion };
        const sets: string[] = [];
        for (const [k, v] of Object.entries(rest)) {
          names[`#${k}`] = k;
          values[`:${k}`] = v;
          sets.push(`#${k} = :${k}`);
        }
        names['#version'] = 'version';
        return {
          Update: {
            TableName: tableName(),
            Key: tenantKeys.configItem(tenantId, item.kind, item.id),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        } satisfies TransactItem;
      }),
      ...configRefUpdates(tenantId, refs),
      auditPut(tenantId, audit),
    ],
    (i) =>
      i < changes.length
        ? new DomainError('conflict', 'Someone else changed this while you were editing. Check their version and make your change again.')
        : new DomainError('conflict', 'Something it points to has just been retired or removed. Reload the page and try again.'),
  );
}

export async function deleteConfigItem(
  tenantId: string,
  kind: ConfigKind,
  id: string,
  expectedVersion: number,
  audit: AuditEntry,
  refs: RefChange[],
): Promise<void> {
  await transact(
    [
      {
        Delete: {
          TableName: tableName(),
          Key: tenantKeys.configItem(tenantId, kind, id),
          // Something that is referenced can be retired, never deleted.
          ConditionExpression: 'attribute_exists(PK) AND #version = :expected AND (attribute_not_exists(refCount) OR refCount = :zero)',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion, ':zero': 0 },
        },
      },
      ...configRefUpdates(tenantId, refs),
      auditPut(tenantId, audit),
    ],
    () => new DomainError('conflict', 'This is in use or has just been changed, so it cannot be deleted. Reload the page, or retire it instead.'),
  );
}

/** Writes a whole configuration at once (demo seed, tests). Plain puts: callers run it only for a tenant that does not exist yet. */
export async function putConfigItems(tenantId: string, items: ConfigItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests: Record<string, unknown>[] = items.slice(i, i + 25).map((item) => ({
      PutRequest: { Item: { ...tenantKeys.configItem(tenantId, item.kind, item.id), type: 'config', tenantId, ...item } },
    }));
    // BatchWrite may hand back unprocessed items under load; retry them with a short back-off.
    for (let attempt = 0; requests.length && attempt < 8; attempt++) {
      const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }));
      requests = (out.UnprocessedItems?.[tableName()] ?? []) as Record<string, unknown>[];
      if (requests.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}

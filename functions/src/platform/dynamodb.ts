import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand, TransactWriteCommand, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '@pv/shared/errors';
import { config } from './config.ts';

let client: DynamoDBDocumentClient | undefined;

/** One document client per process, with keep-alive (the SDK's default agent keeps connections). */
export function db(): DynamoDBDocumentClient {
  if (client) return client;
  const { AWS_REGION, DYNAMODB_ENDPOINT } = config();
  const base = new DynamoDBClient({
    region: AWS_REGION,
    ...(DYNAMODB_ENDPOINT
      ? { endpoint: DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  });
  client = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return client;
}

export function tableName(): string {
  return config().TABLE_NAME;
}

/** True when a conditional write or a transaction failed on its condition. */
export function isConditionFailure(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  if (name === 'ConditionalCheckFailedException') return true;
  if (name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
}

/** For a cancelled transaction: which of its items failed their condition (by index). */
export function failedConditions(error: unknown): number[] {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

function isTransactionConflict(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  if (name === 'TransactionConflictException') return true;
  if (name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((r) => r.Code === 'TransactionConflict') && !reasons.some((r) => r.Code === 'ConditionalCheckFailed');
}

/**
 * One TransactWriteItems, retried (with jitter) when it only lost a race with another transaction on
 * the same items — counters shared by many members make that normal, not an error. A failed
 * condition is never retried: `explain` turns it into the DomainError the caller should see.
 */
export async function transactWrite(items: TransactItem[], explain: (failedIndexes: number[]) => Error): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (isConditionFailure(error)) throw explain(failedConditions(error));
      if (isTransactionConflict(error) && attempt < 8) {
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
        continue;
      }
      throw error;
    }
  }
}

/** Strips the table's own attributes from an item read back. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'type', 'tenantId', 'expiresAt'].includes(k)) out[k] = v;
  return out as T;
}

/** Every page of a Query (for partitions known to be bounded: a panel's members, a tenant's panels). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * One page of a Query that may filter: reads on until `limit` items match or ten pages' worth have
 * been read, and returns a cursor to the item after the last one shown (`keyAttributes` are the
 * table's and the index's keys, taken from that item) or to where the reading stopped.
 */
export async function queryPage(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  { limit, start, keyAttributes }: { limit: number; start?: Record<string, unknown>; keyAttributes: string[] },
): Promise<{ items: Record<string, unknown>[]; next?: string; read: number }> {
  const filtered = Boolean(input.FilterExpression);
  const items: Record<string, unknown>[] = [];
  let read = 0;
  let from = start;
  do {
    const out = await db().send(new QueryCommand({ ...input, TableName: tableName(), Limit: filtered ? limit * 2 : limit, ExclusiveStartKey: from }));
    read += out.ScannedCount ?? 0;
    items.push(...(out.Items ?? []));
    from = out.LastEvaluatedKey;
  } while (from && items.length < limit && read < limit * 10);
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  const next = items.length > limit && last ? encodeCursor(Object.fromEntries(keyAttributes.map((k) => [k, last[k]]))) : encodeCursor(from);
  return { items: page, ...(next ? { next } : {}), read };
}

/** The condition for a Put that creates (no expected version) or replaces the version the caller read. */
export function versionCondition(expectedVersion: number | undefined) {
  return expectedVersion === undefined
    ? { ConditionExpression: 'attribute_not_exists(PK)' }
    : {
        ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      };
}

/** An opaque page cursor for a Query's LastEvaluatedKey. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/**
 * A cursor back to a key, accepted only when `belongs` says it is a key of the expected partition
 * (a cursor can never continue into another tenant's or another list's items).
 */
export function decodeCursor(cursor: string | undefined, belongs: (key: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let key: Record<string, unknown>;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    key = {};
  }
  if (!key || typeof key !== 'object' || !Object.values(key).every((v) => typeof v === 'string') || !belongs(key)) {
    throw new DomainError('invalid', 'That page does not exist. Go back to the first page.');
  }
  return key;
}

/** One ADD update of counter cells (zeros left out), or nothing when every delta is zero. `prefix` goes before each cell's name. */
export function addCounts(key: Record<string, string>, deltas: Map<string, number>, prefix = ''): TransactItem | undefined {
  const entries = [...deltas].filter(([, v]) => v !== 0);
  if (!entries.length) return undefined;
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = entries.map(([cell, v], i) => {
    names[`#c${i}`] = `${prefix}${cell}`;
    values[`:v${i}`] = v;
    return `#c${i} :v${i}`;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: `ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Counter items keyed `SK = MONTH#<yyyy-mm>` in one partition, from `from` to `to`: month → cell → count. */
export async function readMonthCells(partition: string, from: string, to: string): Promise<Map<string, Map<string, number>>> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': partition, ':from': `MONTH#${from}`, ':to': `MONTH#${to}` },
  });
  return new Map(items.map((i) => [String(i['SK']).slice('MONTH#'.length), new Map(Object.entries(i).filter((e): e is [string, number] => typeof e[1] === 'number'))]));
}

/**
 * Replaces every item of a partition of counters with `items` (a rebuild job's output): deletes the
 * ones not written again, puts the rest. Not atomic: a job for a quiet moment, never a request path.
 */
export async function replacePartition(partition: string, items: Record<string, unknown>[]): Promise<void> {
  const existing = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': partition }, ProjectionExpression: 'PK, SK' });
  const kept = new Set(items.map((i) => String(i['SK'])));
  const requests = [
    ...existing.filter((e) => !kept.has(String(e['SK']))).map((e) => ({ DeleteRequest: { Key: { PK: e['PK'], SK: e['SK'] } } })),
    ...items.map((Item) => ({ PutRequest: { Item: { ...Item, PK: partition } } })),
  ];
  for (let i = 0; i < requests.length; i += 25) {
    let request: Record<string, unknown[]> | undefined = { [tableName()]: requests.slice(i, i + 25) };
    while (request && Object.keys(request).length) {
      const out = await db().send(new BatchWriteCommand({ RequestItems: request as never }));
      request = out.UnprocessedItems as Record<string, unknown[]> | undefined;
    }
  }
}

/**
 * Deletes items by key, 25 to a BatchWriteItem, sending `UnprocessedItems` again (with a growing,
 * jittered pause) until none is left; gives up after 10 tries of one batch. Returns how many keys it
 * was given. Used by jobs (retention), never by a request path.
 */
export async function batchDelete(keys: { PK: unknown; SK: unknown }[]): Promise<number> {
  for (let i = 0; i < keys.length; i += 25) {
    let request: Record<string, unknown[]> | undefined = {
      [tableName()]: keys.slice(i, i + 25).map((k) => ({ DeleteRequest: { Key: { PK: k.PK, SK: k.SK } } })),
    };
    for (let attempt = 1; request && Object.keys(request).length; attempt++) {
      if (attempt > 10) throw new Error('BatchWriteItem left items unprocessed after 10 tries');
      if (attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** Math.min(attempt, 8)));
      const out = await db().send(new BatchWriteCommand({ RequestItems: request as never }));
      request = out.UnprocessedItems as Record<string, unknown[]> | undefined;
    }
  }
  return keys.length;
}

/** Rewrites counter items keyed `SK = MONTH#<yyyy-mm>` in one partition from month → cell → count. */
export async function replaceMonthCells(partition: string, byMonth: Map<string, Map<string, number>>, type: string): Promise<void> {
  await replacePartition(
    partition,
    [...byMonth].map(([month, cells]) => ({ SK: `MONTH#${month}`, type, ...Object.fromEntries(cells) })),
  );
}

import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { handler as sendOutbox } from '../outbox/send-outbox.handler.ts';
import { localDynamoClient } from './dynamodb-local.ts';

/**
 * Locally, DynamoDB Local's stream stands in for the Lambda event source: this polls every shard
 * and hands new records to the same stream handler that runs in AWS.
 */
export function startStreamPoller({ endpoint, tableName, intervalMs = 250 }: { endpoint: string; tableName: string; intervalMs?: number }): () => void {
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const iterators = new Map<string, string | undefined>();
  let stopped = false;

  async function refreshShards(streamArn: string) {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (iterators.has(shard.ShardId!)) continue;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      iterators.set(shard.ShardId!, ShardIterator);
    }
  }

  /**
   * Like Lambda's event source with ReportBatchItemFailures: records the handler reports as failed
   * are tried again (here up to 5 times, backing off) before the shard moves on, so a mail catcher
   * that was briefly busy never loses an email.
   */
  async function deliver(records: DynamoDBStreamEvent['Records']) {
    let pending = records;
    for (let attempt = 1; pending.length && !stopped; attempt++) {
      const { batchItemFailures } = await sendOutbox({ Records: pending } as DynamoDBStreamEvent);
      const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
      pending = pending.filter((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      if (!pending.length) return;
      if (attempt >= 5) {
        process.stderr.write(`stream poller: gave up on ${pending.length} outbox record(s) after ${attempt} attempts\n`);
        return;
      }
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }

  async function loop() {
    const { Table } = await localDynamoClient(endpoint).send(new DescribeTableCommand({ TableName: tableName }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${tableName} has no stream`);
    let rounds = 0;
    while (!stopped) {
      if (rounds++ % 20 === 0) await refreshShards(streamArn);
      for (const [shardId, iterator] of iterators) {
        if (!iterator) continue;
        try {
          const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
          iterators.set(shardId, out.NextShardIterator);
          if (out.Records?.length) await deliver(out.Records as unknown as DynamoDBStreamEvent['Records']);
        } catch (error) {
          if ((error as Error).name === 'ExpiredIteratorException' || (error as Error).name === 'TrimmedDataAccessException') {
            iterators.delete(shardId);
          } else if (!stopped) {
            process.stderr.write(`stream poller: ${(error as Error).message}\n`);
          }
        }
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  void loop().catch((error) => process.stderr.write(`stream poller stopped: ${(error as Error).message}\n`));
  return () => {
    stopped = true;
  };
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { newRecordKey } from '@pv/shared/cell-key';
import type { Caller } from '@pv/shared/auth.schema';
import { surveyInput } from '@pv/shared/survey.schema';
import type { Answers } from '@pv/shared/survey-answers';
import { startLocalEnvironment } from '../../functions/src/local/environment.ts';
import { demoTenants } from '../../functions/src/local/seed/demo-tenants.ts';
import { seedTenant } from '../../functions/src/local/seed/seed.ts';
import { db, queryAll, tableName } from '../../functions/src/platform/dynamodb.ts';
import { addInto } from '../../functions/src/surveys/survey-counters.ts';
import { SHARDS, surveyKeys } from '../../functions/src/surveys/surveys.keys.ts';
import { createSurvey, publishSurvey, results } from '../../functions/src/surveys/surveys.service.ts';
import { branchingSurvey } from '../support/surveys.ts';
import { counts, countItems } from './count-items.ts';

/**
 * 4. Surveys.
 *  a. Sustained submissions through the local API: drafts answered, then every submit sent twice at
 *     once (a double click) by many clients in parallel; responses stored against drafts submitted,
 *     so a lost or duplicated response shows as a difference, not a guess.
 *  b. The results page with 100 and with 100,000 responses behind it (the large survey's responses
 *     and counters written straight to the table), interleaved: time and items read.
 */
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function inParallel<T>(items: T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

export async function batchPut(items: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await inParallel(batches, 8, async (batch) => {
    let request: Record<string, unknown> | undefined = { [tableName()]: batch.map((Item) => ({ PutRequest: { Item } })) };
    while (request && Object.keys(request).length) {
      const out = await db().send(new BatchWriteCommand({ RequestItems: request as never }));
      request = out.UnprocessedItems as Record<string, unknown> | undefined;
    }
  });
}

export async function benchSurveys(): Promise<void> {
  const dataDir = mkdtempSync(pathJoin(tmpdir(), 'pv-bench-surveys-'));
  const env = await startLocalEnvironment({
    ports: { dynamodb: 28200, cognito: 29429, smtp: 21225, mailWeb: 21280, api: 23201 },
    dataDir,
    persist: false,
    seed: false,
    tableName: 'parent-voice-bench-surveys',
  });
  try {
    const notts = demoTenants.find((d) => d.id === 'notts')!;
    const tenantId = 'bench-surveys';
    await seedTenant(notts, tenantId);
    const caller: Caller = { sub: 'bench', email: 'bench@example.com', tenantId, roles: ['officer'] };
    const make = async (title: string) => {
      const s = await createSurvey(caller, tenantId, surveyInput.parse(branchingSurvey({ title })));
      return publishSurvey(caller, tenantId, s.id, s.version);
    };

    // a. Submissions through the API.
    const survey = await make('Bench survey');
    const api = async (path: string, init: { method?: string; body?: unknown; draft?: string; client?: string } = {}) => {
      const res = await fetch(`${env.apiUrl}/tenants/${tenantId}/public/surveys/${survey.id}${path}`, {
        method: init.method ?? 'GET',
        headers: { 'content-type': 'application/json', ...(init.draft ? { 'x-survey-draft': init.draft } : {}), ...(init.client ? { 'x-pv-client': init.client } : {}) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const drafts: string[] = [];
    await inParallel(
      Array.from({ length: SUBMITS }, (_, i) => i),
      CONCURRENCY,
      async (i) => {
        const { token } = (await api('/drafts', { method: 'POST', body: { hubId: 'mansfield-town' }, client: `bench-${i}` })) as { token: string };
        await api('/draft/sections/about-you', { method: 'PUT', draft: token, body: { answers: { 'uses-hub': 'yes', services: ['health'] } } });
        await api('/draft/sections/your-visit', { method: 'PUT', draft: token, body: { answers: { rating: 1 + (i % 5), better: `Answer number ${i}` } } });
        drafts.push(token);
      },
    );
    let firstTimes = 0;
    let requests = 0;
    const started = performance.now();
    await inParallel(drafts, CONCURRENCY, async (token) => {
      const both = await Promise.all([api('/draft/submit', { method: 'POST', draft: token }), api('/draft/submit', { method: 'POST', draft: token })]);
      requests += 2;
      firstTimes += both.filter((r) => r.firstTime).length;
    });
    const seconds = (performance.now() - started) / 1000;
    const stored = await queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': surveyKeys.responsesPartition(tenantId, survey.id) } });
    console.log(`\n4. Surveys\n   a. submissions through the local API (${CONCURRENCY} clients at once, every submit sent twice at the same moment)`);
    console.log(`      drafts submitted ${drafts.length}, submit requests ${requests}, answered "first time" ${firstTimes}, responses stored ${stored.length}`);
    console.log(`      lost ${drafts.length - Math.min(stored.length, drafts.length)}, duplicated ${Math.max(0, stored.length - drafts.length)}`);
    console.log(`      ${(drafts.length / seconds).toFixed(1)} responses a second sustained (${requests} requests in ${seconds.toFixed(1)} s)`);

    // b. Results with 100 vs 100,000 responses.
    if (process.env.BENCH_RESULTS === '0') return;
    countItems();
    const sizes = [100, 100_000];
    const surveys: string[] = [];
    const days = Array.from({ length: 45 }, (_, d) => new Date(Date.UTC(2026, 9, 1 + d)).toISOString().slice(0, 10));
    const groups = ['dads-partners', 'low-income-area', 'ethnic-minority', 'young-parents'];
    for (const size of sizes) {
      const s = await make(`Results bench ${size}`);
      const totals = new Map<string, Map<string, number>>();
      const responses: Record<string, unknown>[] = [];
      for (let i = 0; i < size; i++) {
        const yes = i % 3 !== 0;
        const answers: Answers = yes ? { 'uses-hub': 'yes', services: ['stay-play', 'health'].slice(0, 1 + (i % 2)), rating: 1 + (i % 5), better: `Comment ${i}` } : { 'uses-hub': 'no', 'why-not': `Reason ${i}` };
        const response = { day: days[i % days.length]!, channel: (i % 5 === 0 ? 'paper' : 'online') as 'paper' | 'online', networkId: 'mansfield', groups: groups.filter((_, g) => i % (g + 2) === 0), answers, recordKey: newRecordKey() };
        // Counts and their key sums, as submit writes them.
        addInto(totals, s.definition, response);
        const id = randomBytes(10).toString('hex');
        responses.push({ ...surveyKeys.response(tenantId, s.id, response.day, id), type: 'survey-response', tenantId, surveyId: s.id, id, definitionVersion: 1, ...response });
      }
      const counters: Record<string, unknown>[] = [];
      for (const [slice, attrs] of totals) {
        for (let shard = 0; shard < SHARDS; shard++) {
          const item: Record<string, unknown> = { ...surveyKeys.counter(tenantId, s.id, slice, shard), type: 'survey-counter', slice, surveyId: s.id };
          for (const [k, v] of attrs) item[k] = Math.floor(v / SHARDS) + (shard < v % SHARDS ? 1 : 0);
          counters.push(item);
        }
      }
      const t = performance.now();
      await batchPut([...responses, ...counters]);
      console.log(`      (wrote ${size.toLocaleString('en-GB')} responses and ${counters.length} counter items in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
      surveys.push(s.id);
    }
    const page = (s: string) => results(tenantId, s, {});
    for (let i = 0; i < 10; i++) for (const s of surveys) await page(s);
    const samples = new Map<string, number[]>(surveys.map((s) => [s, []]));
    const reads = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      for (const s of surveys) {
        counts.reads = 0;
        const start = performance.now();
        await page(s);
        samples.get(s)!.push(performance.now() - start);
        reads.set(s, counts.reads);
      }
    }
    const [small, large] = surveys.map((s) => median(samples.get(s)!));
    const [smallReads, largeReads] = surveys.map((s) => reads.get(s)!);
    console.log('   b. results page (config + survey + counters), median of 60 interleaved rounds');
    console.log(`      100 responses       ${small!.toFixed(2)} ms   ${smallReads} items read`);
    console.log(`      100,000 responses   ${large!.toFixed(2)} ms   ${largeReads} items read`);
    console.log(`      ratio 100,000 / 100: ${(large! / small!).toFixed(2)} × time, ${(largeReads! / smallReads!).toFixed(2)} × items read (flat = 1)`);
  } finally {
    await env.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PublicAction } from '@pv/shared/action.schema';
import type { Caller } from '@pv/shared/auth.schema';
import { actionKeys } from '../../functions/src/actions/actions.keys.ts';
import { logCells, logWrites } from '../../functions/src/actions/actions.repository.ts';
import { publicLog } from '../../functions/src/actions/actions.service.ts';
import { liveFeedbackCounters, recountFeedback } from '../../functions/src/feedback/recount.service.ts';
import { bulk, setTags } from '../../functions/src/feedback/triage.service.ts';
import { getManyFeedback } from '../../functions/src/feedback/feedback.repository.ts';
import { startLocalEnvironment } from '../../functions/src/local/environment.ts';
import { demoTenants } from '../../functions/src/local/seed/demo-tenants.ts';
import { seedTenant } from '../../functions/src/local/seed/seed.ts';
import { comment, seedComments } from '../support/feedback.ts';
import { counts, countItems } from './count-items.ts';
import { batchPut, inParallel } from './surveys.bench.ts';

/**
 * 5. "You said, we did".
 *  a. The public log (a page of 20, as the page reads it) and the feed (50) with 10 vs 10,000
 *     published actions behind them, unfiltered and filtered by hub and by hub and priority
 *     (the large log's items written straight to the table): time and items read, interleaved.
 *  b. Tagging: officers saving tags on one comment at a time, many at once, and bulk changes of 100;
 *     comments a second and items written per comment; then the counters against a recount.
 */
const ROUNDS = Number(process.env.BENCH_LOG_ROUNDS ?? 40);
const TAGS = Number(process.env.BENCH_TAGS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const hubs = ['mansfield-town', 'worksop', 'retford-design-site', 'beeston', 'arnold', 'ollerton', 'west-bridgford', 'hucknall'];
const networks: Record<string, string> = { 'mansfield-town': 'mansfield', worksop: 'bassetlaw', 'retford-design-site': 'bassetlaw', beeston: 'broxtowe', arnold: 'gedling', ollerton: 'newark-and-sherwood', 'west-bridgford': 'rushcliffe', hucknall: 'ashfield' };
const priorities = ['parents-mental-health', 'building-strong-relationships', 'early-experiences-chat-play-read-and-learn', 'building-blocks-of-health-and-wellbeing'];
const statuses = ['under-consideration', 'planned', 'in-progress', 'done', 'not-doing'] as const;

function syntheticAction(i: number): PublicAction {
  const hub = hubs[i % hubs.length]!;
  const day = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
  return {
    id: `BENCH${String(i).padStart(21, '0')}`,
    youSaid: `You told us something about the hub (${i}).`,
    weDid: 'We changed something, and here is what.',
    status: statuses[i % statuses.length]!,
    notDoingReason: '',
    owner: 'Family Hubs',
    targetOn: '',
    doneOn: '',
    timeline: [{ on: day.slice(0, 10), status: statuses[i % statuses.length]!, note: 'We published this.' }],
    priorityIds: [priorities[i % priorities.length]!],
    networkIds: [networks[hub]!],
    hubIds: [hub],
    groups: i % 3 === 0 ? ['dads-partners'] : [],
    basedOn: 5 + (i % 40),
    consultationIds: [],
    publishedOn: day.slice(0, 10),
    updatedOn: day.slice(0, 10),
  };
}

/** Writes a log of `n` published actions straight to the table (items and counts as approval would). */
async function writeLog(tenantId: string, n: number) {
  const items: Record<string, unknown>[] = [];
  const parts = new Map<string, Record<string, number>>();
  for (let i = 0; i < n; i++) {
    const a = syntheticAction(i);
    for (const w of logWrites(tenantId, undefined, a, `${a.publishedOn}T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(6, '0')}Z`)) items.push(w.Put!.Item as Record<string, unknown>);
    for (const cell of logCells(a)) {
      const part = cell.slice(0, cell.indexOf('|'));
      const p = parts.get(part) ?? {};
      p[cell] = (p[cell] ?? 0) + 1;
      parts.set(part, p);
    }
  }
  for (const [part, cells] of parts) items.push({ ...actionKeys.logCount(tenantId, part), ...cells });
  await batchPut(items);
}

export async function benchActions(): Promise<void> {
  const dataDir = mkdtempSync(pathJoin(tmpdir(), 'pv-bench-actions-'));
  await startLocalEnvironment({
    ports: { dynamodb: 28300, cognito: 29529, smtp: 21325, mailWeb: 21380, api: 23301 },
    dataDir,
    persist: false,
    seed: false,
    tableName: 'parent-voice-bench-actions',
  });
  try {
    const notts = demoTenants.find((d) => d.id === 'notts')!;
    const small = 'bench-log-10';
    const large = 'bench-log-10000';
    await seedTenant(notts, small);
    await seedTenant(notts, large);
    let t = performance.now();
    await writeLog(small, 10);
    await writeLog(large, 10_000);
    console.log(`\n5a. The public log: 10 vs 10,000 published actions (written in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
    countItems();
    const views = [
      { name: 'page of 20, no filter', filter: { limit: 20 } },
      { name: 'feed of 50, no filter', filter: { limit: 50 } },
      { name: 'page of 20, one hub', filter: { limit: 20, hub: 'worksop' } },
      { name: 'page of 20, hub and priority', filter: { limit: 20, hub: 'worksop', priority: 'building-strong-relationships' } },
    ];
    for (const view of views) {
      const samples = { small: [] as number[], large: [] as number[] };
      const reads = { small: 0, large: 0 };
      for (let i = 0; i < ROUNDS + 5; i++) {
        for (const [key, tenant] of [['small', small], ['large', large]] as const) {
          counts.reads = 0;
          const start = performance.now();
          await publicLog(tenant, view.filter);
          if (i >= 5) {
            samples[key].push(performance.now() - start);
            reads[key] = counts.reads;
          }
        }
      }
      const [s, l] = [median(samples.small), median(samples.large)];
      console.log(
        `   ${view.name.padEnd(30)} 10: ${s.toFixed(1)} ms, ${reads.small} items · 10,000: ${l.toFixed(1)} ms, ${reads.large} items · ratio ${(l / s).toFixed(2)}× time, ${(reads.large / Math.max(reads.small, 1)).toFixed(2)}× items`,
      );
    }

    // b. Tagging.
    const tenantId = 'bench-tagging';
    await seedTenant(notts, tenantId);
    const caller: Caller = { sub: 'bench', email: 'bench@example.com', tenantId, roles: ['officer'] };
    const seeded = await seedComments(
      tenantId,
      Array.from({ length: TAGS + 200 }, (_, i) => comment({ text: `Comment ${i}: anxious and lonely while waiting`, groups: i % 2 ? ['dads-partners'] : ['rural'], hubIds: [hubs[i % hubs.length]!], networkId: networks[hubs[i % hubs.length]!] })),
    );
    const one = seeded.slice(0, TAGS);
    counts.writes = 0;
    t = performance.now();
    await inParallel(one, CONCURRENCY, async (c) => {
      const [f] = await getManyFeedback(tenantId, [c.id]);
      await setTags(tenantId, c.id, { version: f!.version, priorityIds: ['parents-mental-health'], crossCuttingIds: [], dismissed: [] });
    });
    const oneSeconds = (performance.now() - t) / 1000;
    const oneWrites = counts.writes;
    console.log(`\n5b. Tagging: ${TAGS} comments tagged one at a time by ${CONCURRENCY} officers at once: ${(TAGS / oneSeconds).toFixed(1)} comments/s, ${(oneWrites / TAGS).toFixed(1)} items written per comment`);
    const rest = seeded.slice(TAGS).map((c) => c.id);
    counts.writes = 0;
    t = performance.now();
    await bulk(caller, tenantId, { ids: rest.slice(0, 100), action: 'add-priority', priorityId: 'building-strong-relationships' });
    await bulk(caller, tenantId, { ids: rest.slice(100, 200), action: 'add-priority', priorityId: 'building-strong-relationships' });
    const bulkSeconds = (performance.now() - t) / 1000;
    console.log(`   bulk: 2 × 100 comments: ${(200 / bulkSeconds).toFixed(1)} comments/s, ${(counts.writes / 200).toFixed(1)} items written per comment`);
    const equal = JSON.stringify([...(await liveFeedbackCounters(tenantId))].map(([k, v]) => [k, [...v]])) === JSON.stringify([...(await recountFeedback(tenantId))].map(([k, v]) => [k, [...v]]));
    console.log(`   counters after ${TAGS + 200} concurrent and bulk changes ${equal ? 'equal' : 'DIFFER FROM'} a recount`);
    if (!equal) process.exitCode = 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

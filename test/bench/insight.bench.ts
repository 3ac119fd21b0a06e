import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Feedback } from '@pv/shared/feedback.schema';
import type { InsightQuery } from '@pv/shared/insight.schema';
import { addCells, periodOf, SHARDS, tenantCells, themeCells } from '../../functions/src/feedback/feedback-counters.ts';
import { feedbackKeys } from '../../functions/src/feedback/feedback.keys.ts';
import { createTheme } from '../../functions/src/feedback/themes.service.ts';
import * as insight from '../../functions/src/insight/insight.service.ts';
import { startLocalEnvironment } from '../../functions/src/local/environment.ts';
import { demoTenants } from '../../functions/src/local/seed/demo-tenants.ts';
import { seedTenant } from '../../functions/src/local/seed/seed.ts';
import { comment, seedComments } from '../support/feedback.ts';
import { officerCaller } from '../support/panels.ts';
import { counts, countItems } from './count-items.ts';
import { batchPut } from './surveys.bench.ts';

/**
 * 6. Partner insight: every dashboard view's server time and DynamoDB items read with 1,000 vs
 *    1,000,000 comments behind it. The small partnership's comments are written through the real
 *    code (counters and theme counts at write time); the large one's counters and themes are the
 *    same generator's million comments added up in memory and written straight to the table (as
 *    the issue allows). Interleaved rounds, medians.
 */
const ROUNDS = Number(process.env.BENCH_INSIGHT_ROUNDS ?? 15);
const LARGE = Number(process.env.BENCH_INSIGHT_LARGE ?? 1_000_000);
const SMALL = 1_000;
const THEMES = 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const places = [
  ['mansfield', 'mansfield-town'],
  ['mansfield', 'warsop'],
  ['bassetlaw', 'worksop'],
  ['bassetlaw', 'retford-design-site'],
  ['broxtowe', 'beeston'],
  ['gedling', 'arnold'],
  ['newark-and-sherwood', 'ollerton'],
  ['rushcliffe', 'west-bridgford'],
  ['ashfield', 'hucknall'],
] as const;
const priorities = ['parents-mental-health', 'building-strong-relationships', 'early-experiences-chat-play-read-and-learn', 'building-blocks-of-health-and-wellbeing', 'preparing-to-be-parents-and-healthy-beginnings'];
const groups = ['dads-partners', 'rural', 'young-parents', 'low-income-area', 'send'];

/** The i-th comment of a partnership: the same spread whatever the size (12 months back from this one). */
function nth(i: number): Omit<Feedback, 'id' | 'text' | 'version'> {
  const [networkId, hub] = places[i % places.length]!;
  const d = new Date();
  d.setUTCDate(1 + (i % 27));
  d.setUTCMonth(d.getUTCMonth() - (Math.floor(i / 7) % 12));
  return {
    source: { kind: 'conversation', consultationId: 'bench', conversationId: `c${i % 100}`, people: 1 },
    channel: i % 3 ? 'stay-and-play' : 'phone',
    receivedOn: d.toISOString().slice(0, 10),
    priorityIds: i % 11 === 0 ? [] : i % 5 === 0 ? [priorities[i % 5]!, priorities[(i + 1) % 5]!] : [priorities[i % 5]!],
    crossCuttingIds: [],
    hubIds: [hub],
    networkId,
    groups: i % 4 === 0 ? [groups[i % 5]!] : [],
    status: i % 13 === 0 ? 'new' : 'reviewed',
  };
}

async function smallPartnership(tenantId: string): Promise<void> {
  const made = await seedComments(tenantId, Array.from({ length: SMALL }, (_, i) => comment({ ...nth(i), text: `Comment ${i}` })));
  for (let t = 0; t < THEMES; t++) {
    const ids = made.filter((_, i) => i % (THEMES * 2) === t).map((c) => c.id);
    await createTheme(officerCaller(tenantId), tenantId, { name: `Theme ${String(t).padStart(2, '0')}`, description: '' }, ids);
  }
}

/** A million comments' counters and theme counts, added up here and written straight to the table. */
async function largePartnership(tenantId: string): Promise<void> {
  const counters = new Map<string, Map<string, number>>();
  const themes = Array.from({ length: THEMES }, () => new Map<string, number>());
  const part = (cell: string) => (cell.startsWith('p:') ? cell.slice(0, cell.indexOf('|')) : '*');
  for (let i = 0; i < LARGE; i++) {
    // Each comment with its record key, so key sums are read and summed as they would be.
    const f = { ...nth(i), recordKey: (i * 37) % 256 };
    const cells = tenantCells(f as Feedback);
    for (const period of [periodOf(f.receivedOn), 'ALL']) {
      for (const c of cells) {
        const key = `${period}\n${i % SHARDS}\n${part(c)}`;
        let m = counters.get(key);
        if (!m) counters.set(key, (m = new Map()));
        addCells(m, [c], 1, f);
      }
    }
    const t = i % (THEMES * 2);
    if (t < THEMES) addCells(themes[t]!, themeCells(f as Feedback), 1, f);
  }
  const items: Record<string, unknown>[] = [];
  for (const [key, cells] of counters) {
    const [period, shard, p] = key.split('\n') as [string, string, string];
    items.push({ ...feedbackKeys.counter(tenantId, period, Number(shard), p), type: 'feedback-counter', tenantId, ...Object.fromEntries(cells) });
  }
  const now = new Date().toISOString();
  themes.forEach((cells, t) => {
    const id = `theme-${String(t).padStart(2, '0')}`;
    items.push({
      ...feedbackKeys.theme(tenantId, id),
      ...feedbackKeys.themeIndex(tenantId, id),
      type: 'theme',
      tenantId,
      id,
      name: `Theme ${String(t).padStart(2, '0')}`,
      description: '',
      actionIds: [],
      version: 1,
      createdAt: now,
      updatedAt: now,
      createdBy: 'bench',
      ...Object.fromEntries([...cells].map(([c, n]) => [`#${c}`, n])),
    });
  });
  await batchPut(items);
}

export async function benchInsight(): Promise<void> {
  const dataDir = mkdtempSync(pathJoin(tmpdir(), 'pv-bench-insight-'));
  const env = await startLocalEnvironment({
    ports: { dynamodb: 28400, cognito: 29629, smtp: 21425, mailWeb: 21480, api: 23401 },
    dataDir,
    persist: false,
    seed: false,
    tableName: 'parent-voice-bench-insight',
  });
  try {
    const notts = demoTenants.find((d) => d.id === 'notts')!;
    const small = 'bench-insight-1k';
    const large = 'bench-insight-1m';
    await seedTenant(notts, small);
    await seedTenant(notts, large);
    let t = performance.now();
    await smallPartnership(small);
    const smallSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await largePartnership(large);
    console.log(
      `\n6. Partner insight: ${SMALL.toLocaleString('en-GB')} vs ${LARGE.toLocaleString('en-GB')} comments (small written through the code in ${smallSeconds.toFixed(1)} s; large added up and written in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    countItems();
    const q = (extra: Partial<InsightQuery> = {}): InsightQuery => ({ period: 'last-12-months', ...extra });
    const views: { name: string; run: (tenant: string) => Promise<unknown> }[] = [
      { name: 'overview, last 12 months', run: (x) => insight.overview(x, q()) },
      { name: 'heatmap, networks', run: (x) => insight.heatmap(x, q()) },
      { name: 'heatmap, hubs of one network', run: (x) => insight.heatmap(x, q({ network: 'mansfield' })) },
      { name: 'heatmap, one group', run: (x) => insight.heatmap(x, q({ group: 'dads-partners' })) },
      { name: 'whose voice', run: (x) => insight.voice(x, q()) },
      { name: 'themes', run: (x) => insight.themes(x, q()) },
      { name: 'one theme', run: (x) => insight.theme(x, x === small ? smallTheme : 'theme-00', q()) },
      { name: 'trends', run: (x) => insight.trends(x, q()) },
    ];
    const smallTheme = (await insight.themes(small, q())).themes.find((th) => th.name === 'Theme 00')!.id;
    let worst = 0;
    for (const view of views) {
      const samples = { small: [] as number[], large: [] as number[] };
      const reads = { small: 0, large: 0 };
      for (let i = 0; i < ROUNDS + 3; i++) {
        for (const [key, tenant] of [['small', small], ['large', large]] as const) {
          counts.reads = 0;
          const start = performance.now();
          await view.run(tenant);
          if (i >= 3) {
            samples[key].push(performance.now() - start);
            reads[key] = counts.reads;
          }
        }
      }
      const [s, l] = [median(samples.small), median(samples.large)];
      const itemRatio = reads.large / Math.max(reads.small, 1);
      worst = Math.max(worst, itemRatio);
      console.log(
        `   ${view.name.padEnd(30)} 1k: ${s.toFixed(1)} ms, ${reads.small} items · 1M: ${l.toFixed(1)} ms, ${reads.large} items · ratio ${(l / s).toFixed(2)}× time, ${itemRatio.toFixed(2)}× items`,
      );
    }
    console.log(`   largest items-read ratio across the views: ${worst.toFixed(2)}× (flat = 1)`);
  } finally {
    await env.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

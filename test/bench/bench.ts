import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { startLocalEnvironment } from '../../functions/src/local/environment.ts';
import { db, tableName } from '../../functions/src/platform/dynamodb.ts';
import { routes } from '../../functions/src/routes.ts';
import { tenantKeys } from '../../functions/src/tenants/tenants.keys.ts';

/**
 * `npm run bench`: numbers measured side by side in one run, reported as ratios (this machine is noisy,
 * so no test asserts a time).
 *  1. The local API server's overhead per request: HTTP → API Gateway v2 event → handler, against
 *     calling the same handler directly and against one direct DynamoDB GetItem.
 *  2. Each Lambda bundle (the CDK's esbuild settings): size, and cold import time in a fresh Node
 *     process against an empty ESM module.
 *  3. Panels: DynamoDB items written per join (and per confirm, answers, assisted add), and the
 *     representation view's time and items read with 100 vs 10,000 members behind it.
 *  4. Surveys: sustained submissions through the local API (submitted vs stored: none lost, none
 *     duplicated) and the results page's time and items read with 100 vs 100,000 responses.
 *  5. "You said, we did": the public log and feed with 10 vs 10,000 actions (time and items read),
 *     and tagging throughput (one at a time, concurrently, and in bulk), counters checked after.
 *  6. Partner insight: every dashboard view with 1,000 vs 1,000,000 comments behind it (time and items read).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const IMPORTS = Number(process.env.BENCH_IMPORTS ?? 7);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const ms = (n: number) => `${n.toFixed(3)} ms`;

async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function apiOverhead() {
  const dataDir = mkdtempSync(join(tmpdir(), 'pv-bench-'));
  const env = await startLocalEnvironment({
    ports: { dynamodb: 28000, cognito: 29229, smtp: 21025, mailWeb: 21080, api: 23001 },
    dataDir,
    persist: false,
    tableName: 'parent-voice-bench',
  });
  try {
    const { handler } = await import('../../functions/src/tenants/get-public-tenant.handler.ts');
    const event = {
      version: '2.0',
      routeKey: 'GET /tenants/{tenantId}',
      rawPath: '/tenants/notts',
      rawQueryString: '',
      headers: {},
      pathParameters: { tenantId: 'notts' },
      requestContext: { requestId: 'bench', http: { method: 'GET', path: '/tenants/notts' } },
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
    const getItem = () => db().send(new GetCommand({ TableName: tableName(), Key: tenantKeys.tenant('notts') }));
    const direct = () => handler(event, { awsRequestId: 'bench' } as Context);
    const viaApi = async () => {
      const res = await fetch(`${env.apiUrl}/tenants/notts`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`API answered ${res.status}`);
    };
    // Warm up every path, then interleave them so machine noise hits all three alike.
    for (let i = 0; i < 30; i++) await Promise.all([getItem(), direct(), viaApi()]);
    const samples = { getItem: [] as number[], direct: [] as number[], viaApi: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      samples.getItem.push(await timeOnce(getItem));
      samples.direct.push(await timeOnce(direct));
      samples.viaApi.push(await timeOnce(viaApi));
    }
    const g = median(samples.getItem);
    const d = median(samples.direct);
    const a = median(samples.viaApi);
    console.log(`\n1. Local API overhead (GET /tenants/{tenantId}: one GetItem + one Query), median of ${ROUNDS} interleaved rounds`);
    console.log(`   direct DynamoDB GetItem              ${ms(g)}`);
    console.log(`   handler called directly              ${ms(d)}   (${(d / g).toFixed(2)} × GetItem)`);
    console.log(`   same handler through the local API   ${ms(a)}   (${(a / g).toFixed(2)} × GetItem, ${(a / d).toFixed(2)} × direct handler)`);
    console.log(`   overhead of the local API server     ${ms(a - d)} a request   (${((a - d) / g).toFixed(2)} × GetItem)`);
  } finally {
    await env.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function coldImport(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (out.status !== 0) throw new Error(`import of ${file} failed: ${out.stderr}`);
  return Number(out.stdout);
}

async function bundles() {
  const dir = mkdtempSync(join(tmpdir(), 'pv-bundles-'));
  const empty = join(dir, 'empty.mjs');
  writeFileSync(empty, 'export const handler = async () => ({});\n');
  const entries = [...new Set([...routes.map((r) => r.handler), 'outbox/send-outbox.handler.ts'])];
  const rows: { name: string; bytes: number; importMs: number }[] = [];
  for (const entry of entries) {
    const outfile = join(dir, entry.replace(/\//g, '__').replace(/\.ts$/, '.mjs'));
    mkdirSync(dir, { recursive: true });
    // The same esbuild settings as cdk/lib/constructs/api-function.ts.
    await build({
      entryPoints: [join(root, 'functions', 'src', entry)],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      mainFields: ['module', 'main'],
      minify: true,
      external: ['nodemailer'],
      banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
      logLevel: 'error',
    });
    rows.push({ name: entry, bytes: statSync(outfile).size, importMs: 0 });
  }
  // Interleave the cold imports (a fresh process each) so noise falls on all bundles alike.
  const times = new Map<string, number[]>([['empty', []], ...rows.map((r) => [r.name, []] as [string, number[]])]);
  for (let i = 0; i < IMPORTS; i++) {
    times.get('empty')!.push(coldImport(empty));
    for (const r of rows) times.get(r.name)!.push(coldImport(join(dir, r.name.replace(/\//g, '__').replace(/\.ts$/, '.mjs'))));
  }
  const base = median(times.get('empty')!);
  console.log(`\n2. Lambda bundles (esbuild, ESM, minified, AWS SDK bundled): cold import in a fresh Node, median of ${IMPORTS}`);
  console.log(`   empty ESM module: ${ms(base)}`);
  console.log(`   ${'handler'.padEnd(42)} ${'size'.padStart(9)}  ${'import'.padStart(10)}  ratio to empty`);
  for (const r of rows) {
    r.importMs = median(times.get(r.name)!);
    console.log(`   ${r.name.padEnd(42)} ${(r.bytes / 1024).toFixed(0).padStart(6)} KB  ${ms(r.importMs).padStart(10)}  ${(r.importMs / base).toFixed(1)} ×`);
  }
  rmSync(dir, { recursive: true, force: true });
}

async function panels() {
  const { benchPanels } = await import('./panels.bench.ts');
  await benchPanels();
}

async function main() {
  const only = process.argv[2];
  if (!only || only === 'api') await apiOverhead();
  if (!only || only === 'bundles') await bundles();
  if (!only || only === 'panels') await panels();
  if (!only || only === 'surveys') await (await import('./surveys.bench.ts')).benchSurveys();
  if (!only || only === 'actions') await (await import('./actions.bench.ts')).benchActions();
  if (!only || only === 'insight') await (await import('./insight.bench.ts')).benchInsight();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm test`: type checks, then unit + integration + infrastructure tests (one vitest run), then the
 * web build and the Playwright e2e tests (a second run: both start the local stack on the test ports).
 * Ends with one line "N passed, N failed" and a non-zero exit code if anything failed.
 */
const root = resolve(fileURLToPath(new URL('../', import.meta.url)));
const out = join(root, 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
let broken = false;
const failures: string[] = [];

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages?: string[] }[] }[];
}

/** Each failed test (or file that failed to load) with the first line of why, for the summary at the end. */
function failuresIn(report: Report): string[] {
  const out: string[] = [];
  for (const file of report.testResults) {
    const where = file.name.replace(`${root}/`, '').replace(root, '');
    const failedTests = file.assertionResults.filter((a) => a.status === 'failed');
    for (const a of failedTests) out.push(`${where} › ${a.fullName}: ${(a.failureMessages?.[0] ?? '').split('\n')[0]!.slice(0, 300)}`);
    if (!failedTests.length && file.status === 'failed') out.push(`${where}: ${(file.message ?? 'failed to run').split('\n')[0]!.slice(0, 300)}`);
  }
  return out;
}

function step(name: string, command: string, args: string[]): boolean {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  console.log(`  ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function vitest(name: string, projects: string[]): void {
  const file = join(out, `${name}.json`);
  const ok = step(name, 'npx', ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    failures.push(...failuresIn(report));
  }
  if (!ok) broken = true;
}

const only = process.argv.slice(2);
const wants = (p: string) => only.length === 0 || only.includes(p);

if (wants('typecheck')) {
  if (!step('type check (functions, shared, cdk, tests)', 'npx', ['tsc', '-p', 'tsconfig.json'])) broken = true;
  if (!step('type check (web)', 'npm', ['run', 'check', '-w', 'web'])) broken = true;
}
const firstRun = ['unit', 'integration', 'infra'].filter(wants);
// Unit tests of web code load web/tsconfig.json, which extends the one `svelte-kit sync` writes.
if (firstRun.includes('unit') && !existsSync(join(root, 'web/.svelte-kit/tsconfig.json'))) {
  if (!step('svelte-kit sync', 'npm', ['run', 'sync', '-w', 'web'])) broken = true;
}
if (firstRun.length) vitest('unit-integration-infra', firstRun);
if (wants('e2e')) {
  if (!step('web build', 'npm', ['run', 'build', '-w', 'web'])) broken = true;
  else vitest('e2e', ['e2e']);
}

if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);

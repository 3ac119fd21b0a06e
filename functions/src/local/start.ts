import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoStaff } from './cognito-local.ts';
import { startLocalEnvironment, webEnvironment } from './environment.ts';
import { handler as runRetentionJob } from '../retention/run-retention.handler.ts';

/**
 * `npm start`: the whole product on this machine with the seeded demo.
 *   --reset      wipe the local data (.data/) first, then seed again
 *   --no-serve   set up and seed, then stop (with --reset: `npm run reset`)
 *   --built      serve the production web build (npm run build) instead of Vite's dev server
 *   --retention  run the retention job once and stop (`npm run retention`); `npm start` also runs it
 *                once at start-up, as AWS does once a day
 * Data persists in .data/ between runs. Ctrl-C stops everything this started.
 */
// The lockfile pins SDK versions that run on Node 20; its notice about future versions is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const args = new Set(process.argv.slice(2));
const webPort = Number(process.env.WEB_PORT ?? 5173);

async function main() {
  const started = Date.now();
  const env = await startLocalEnvironment({
    dataDir: join(root, '.data'),
    persist: true,
    reset: args.has('--reset'),
    webUrl: `http://localhost:${webPort}`,
    log: (line) => console.log(line),
  });

  let web: ChildProcess | undefined;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Parent Voice…');
    web?.kill('SIGTERM');
    await env.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  // The daily retention job (an EventBridge rule in AWS), once now.
  const retention = await runRetentionJob();
  console.log(`Retention: ${JSON.stringify(retention)}`);
  if (args.has('--retention')) return stop(0);

  if (args.has('--no-serve')) {
    console.log(args.has('--reset') ? 'Local data reset and seeded again.' : 'Local data set up.');
    return stop(0);
  }

  const webEnv = { ...process.env, ...webEnvironment(env, webPort) };
  // Vite's dev server by default (always current); --built serves the production build (npm run build).
  const built = existsSync(join(root, 'web', 'build', 'index.js'));
  if (args.has('--built') && !built) throw new Error('There is no web build yet: run `npm run build` first.');
  const useDev = !args.has('--built');
  web = useDev
    ? spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'dev', '--port', String(webPort), '--strictPort', '--host', '127.0.0.1'], {
        cwd: join(root, 'web'),
        env: webEnv,
        stdio: ['ignore', 'ignore', 'inherit'],
      })
    : spawn(process.execPath, [join(root, 'web', 'build', 'index.js')], { cwd: join(root, 'web'), env: webEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  web.on('exit', (code) => {
    if (code !== null && code !== 0) {
      console.error(`The web server stopped (exit ${code}).`);
      void stop(1);
    }
  });
  const webUrl = `http://localhost:${webPort}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(webUrl)).status < 500) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const staff = demoStaff.map((u) => `    ${u.role.padEnd(8)} ${u.tenantId.padEnd(6)} ${u.email.padEnd(24)} ${u.password}`).join('\n');
  console.log(`
Parent Voice is running (${((Date.now() - started) / 1000).toFixed(1)} s, web in ${useDev ? 'dev' : 'built'} mode).

  Web:         ${webUrl}            (Nottinghamshire: ${webUrl}/notts)
  API:         ${env.apiUrl}
  Mail inbox:  ${env.mailInbox}
  DynamoDB:    ${env.dynamodbEndpoint}  (table ${env.tableName})
  Cognito:     ${env.cognito.endpoint}  (pool ${env.cognito.userPoolId})

  Demo staff logins (local only):
${staff}

  Data is kept in .data/ between runs; \`npm run reset\` wipes and reseeds it.
  Press Ctrl-C to stop everything.
`);
}

main().catch((error) => {
  console.error(`\nParent Voice could not start:\n${(error as Error).message}`);
  process.exit(1);
});

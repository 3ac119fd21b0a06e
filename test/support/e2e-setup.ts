import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { webEnvironment } from '../../functions/src/local/environment.ts';
import { provideEnv, startTestStack, stopTestStack, testWebPort } from './global-setup.ts';

/**
 * e2e: the real stack plus the BUILT SvelteKit server (node web/build), as a person would meet it.
 * Builds the web first when there is no build (npm test builds it before running e2e).
 */
const root = resolve(fileURLToPath(new URL('../../', import.meta.url)));
let web: ChildProcess | undefined;

export async function setup(project: TestProject) {
  if (!existsSync(join(root, 'web', 'build', 'index.js')) || process.env.E2E_REBUILD === '1') {
    const built = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('The web build failed, so the e2e tests cannot run.');
  }
  // Every browser journey comes from 127.0.0.1, so the per-connection limits are raised (×20) here;
  // the integration tests hold them at their real values and hit each one.
  const stack = await startTestStack({ limitScale: 20 });
  web = spawn(process.execPath, [join(root, 'web', 'build', 'index.js')], {
    cwd: join(root, 'web'),
    env: { ...process.env, ...webEnvironment(stack, testWebPort) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const webUrl = `http://localhost:${testWebPort}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(webUrl)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (i > 150) throw new Error('The web server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  provideEnv(project, stack, webUrl);
}

export async function teardown() {
  web?.kill('SIGTERM');
  await stopTestStack();
}

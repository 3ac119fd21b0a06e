import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createConnection } from 'node:net';

/** Child processes started for the local environment, stopped together (no Java left behind). */
const children = new Set<ChildProcess>();

export function startChild(name: string, command: string, args: string[], options: SpawnOptions & { quiet?: boolean } = {}): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false, ...options });
  children.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(line);
    while (lines.length > 50) lines.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping && code !== 0 && signal === null) {
      process.stderr.write(`\n${name} stopped unexpectedly (exit ${code}). Its last output:\n${lines.join('\n')}\n`);
    }
  });
  (child as ChildProcess & { recentOutput: () => string }).recentOutput = () => lines.join('\n');
  return child;
}

let stopping = false;

export async function stopChildren(): Promise<void> {
  stopping = true;
  const waits = [...children].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  await Promise.all(waits);
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

/** Java is needed for DynamoDB Local. As root we install it; otherwise we say how. */
export function ensureJava(): void {
  const found = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (found.status === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    process.stdout.write('Java is missing: installing openjdk-17-jre-headless (needed by DynamoDB Local)…\n');
    const install = spawnSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless'], {
      stdio: 'inherit',
    });
    if (install.status === 0) return;
  }
  throw new Error(
    'DynamoDB Local needs Java 17 or newer, and it is not installed.\n' +
      'Install it with:  sudo apt-get install -y openjdk-17-jre-headless   (Debian/Ubuntu)\n' +
      '             or:  brew install openjdk@17                          (macOS)',
  );
}

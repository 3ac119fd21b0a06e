import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalEnvironment, type LocalEnvironment, type Ports } from '../../functions/src/local/environment.ts';

/**
 * Test ports, clear of `npm start`'s, so tests can run while the product is running. PV_TEST_PORT_OFFSET
 * (e.g. 100) moves them all, so two test runs (two people, two worktrees) can share a machine.
 */
const offset = Number(process.env.PV_TEST_PORT_OFFSET ?? 0) || 0;
export const testPorts: Ports = {
  dynamodb: 18000 + offset,
  cognito: 19229 + offset,
  smtp: 11025 + offset,
  mailWeb: 11080 + offset,
  api: 13001 + offset,
};
export const testWebPort = 15173 + offset;

declare module 'vitest' {
  export interface ProvidedContext {
    env: {
      functionEnv: Record<string, string>;
      apiUrl: string;
      mailInbox: string;
      cognitoEndpoint: string;
      userPoolId: string;
      clientId: string;
      webUrl: string;
    };
  }
}

let env: LocalEnvironment | undefined;
let dataDir: string | undefined;

/** The real local stack in memory: every run starts from nothing, with the demo seeded. */
export async function startTestStack(options: { limitScale?: number } = {}): Promise<LocalEnvironment> {
  dataDir = mkdtempSync(join(tmpdir(), 'pv-test-'));
  env = await startLocalEnvironment({ ports: testPorts, dataDir, persist: false, seed: true, tableName: 'parent-voice-test', webUrl: `http://localhost:${testWebPort}`, ...options });
  return env;
}

export async function stopTestStack(): Promise<void> {
  await env?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

export function provideEnv(project: TestProject, stack: LocalEnvironment, webUrl = ''): void {
  project.provide('env', {
    functionEnv: stack.functionEnv,
    apiUrl: stack.apiUrl,
    mailInbox: stack.mailInbox,
    cognitoEndpoint: stack.cognito.endpoint,
    userPoolId: stack.cognito.userPoolId,
    clientId: stack.cognito.clientId,
    webUrl,
  });
}

export async function setup(project: TestProject) {
  provideEnv(project, await startTestStack());
}

export async function teardown() {
  await stopTestStack();
}

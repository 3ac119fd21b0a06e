import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalEnvironment, type LocalEnvironment, type Ports } from '../../functions/src/local/environment.ts';

/** Test ports, clear of `npm start`'s, so tests can run while the product is running. */
export const testPorts: Ports = { dynamodb: 18000, cognito: 19229, smtp: 11025, mailWeb: 11080, api: 13001 };

declare module 'vitest' {
  export interface ProvidedContext {
    env: {
      functionEnv: Record<string, string>;
      apiUrl: string;
      mailInbox: string;
      cognitoEndpoint: string;
      userPoolId: string;
      clientId: string;
    };
  }
}

let env: LocalEnvironment | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject) {
  dataDir = mkdtempSync(join(tmpdir(), 'pv-test-'));
  // In memory (persist: false): every run starts from nothing. The demo is seeded for e2e journeys;
  // integration tests make their own tenants so they never see each other's data.
  env = await startLocalEnvironment({ ports: testPorts, dataDir, persist: false, seed: true, tableName: 'parent-voice-test' });
  project.provide('env', {
    functionEnv: env.functionEnv,
    apiUrl: env.apiUrl,
    mailInbox: env.mailInbox,
    cognitoEndpoint: env.cognito.endpoint,
    userPoolId: env.cognito.userPoolId,
    clientId: env.cognito.clientId,
  });
}

export async function teardown() {
  await env?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: NodejsFunction bundles from here (projectRoot) with the root lockfile. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const paths = {
  repoRoot,
  lockFile: resolve(repoRoot, 'package-lock.json'),
  functionsSrc: resolve(repoRoot, 'functions/src'),
  /** The web workspace: lambda/handler.ts (SSR adapter) and build/ (adapter-node output). */
  webRoot: resolve(repoRoot, 'web'),
} as const;

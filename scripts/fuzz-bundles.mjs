#!/usr/bin/env node
// `node scripts/fuzz-bundles.mjs [inputs] [seed]`: the envelope, statement and archive parser fuzz properties of
// test/main/bundle-fuzz.test.ts with many more inputs (default 1,000,000; `npm test` runs 10,000). Every input
// must end in a result or a typed BundleError. A failure prints fast-check's seed and counterexample.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const inputs = Number(process.argv[2] ?? 1_000_000);
const seed = process.argv[3];
const vitest = path.join(root, 'node_modules', '.bin', 'vitest');
const result = spawnSync(vitest, ['run', '--config', 'vitest.config.mts', 'test/main/bundle-fuzz.test.ts', '--testTimeout', '0'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, AEO_FUZZ_RUNS: String(inputs), ...(seed ? { AEO_FUZZ_SEED: seed } : {}) },
});
process.exit(result.status ?? 1);

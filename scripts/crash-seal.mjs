#!/usr/bin/env node
// `node scripts/crash-seal.mjs [runs]`: kill -9 the sealing process at random moments, 200 times by default, and
// check after each that the database is intact and the output bundle is either absent or complete and valid.
// The same test runs 30 times in `npm test` (test/main/bundle-crash.test.ts). Build first (`npm run build`) so
// the child runs the bundled CLI; otherwise it runs the sources through tsx, slower.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 200);
const vitest = path.join(root, 'node_modules', '.bin', 'vitest');
const result = spawnSync(vitest, ['run', '--config', 'vitest.config.mts', 'test/main/bundle-crash.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, AEO_CRASH_RUNS: String(runs) },
});
process.exit(result.status ?? 1);

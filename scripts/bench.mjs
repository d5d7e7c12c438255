#!/usr/bin/env node
// `npm run bench`: builds the app, runs every test/bench/**/*.bench-run.ts through vitest (vitest.bench.config.mts) and prints
// the measurements they report at the end. Figures are informative: no timing is asserted anywhere.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'aeo-bench-'));
const out = path.join(scratch, 'summary.txt');
const vitest = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vitest.cmd' : 'vitest');

// The runner page bench drives the built renderer in Chromium: build first, so it measures the current sources.
const build = spawnSync(path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite'), ['build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const run = spawnSync(vitest, ['run', '--config', 'vitest.bench.config.mts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, AEO_BENCH_OUT: out },
});

let summary = '';
try {
  summary = readFileSync(out, 'utf8').trim();
} catch {
  summary = '(no measurements were reported)';
}
rmSync(scratch, { recursive: true, force: true });
console.log(`\n=== bench summary (${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version})\n${summary}`);
process.exit(run.status ?? 1);

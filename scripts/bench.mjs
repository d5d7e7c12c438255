#!/usr/bin/env node
// `npm run bench`: builds the app, runs every test/bench/**/*.bench-run.ts through vitest (vitest.bench.config.mts),
// then prints ONE table of every row they measured (each beside its reference measured in the same run: best and
// median of the rounds, and their ratio), with the load average, and writes the same to test-results/bench.json.
// `npm run bench -- --quick`: the 128 MiB version of the data rows only (bundles bench), meant for under a minute
// on an idle machine. Figures are informative: no timing is asserted anywhere.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const rest = args.filter((a) => a !== '--quick');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'aeo-bench-'));
const out = path.join(scratch, 'summary.txt');
const rowsFile = path.join(scratch, 'rows.jsonl');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const load = () => os.loadavg().map((l) => l.toFixed(2));

// The runner page bench drives the built renderer in Chromium, the others run the built CLI: build first.
const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const loadBefore = load();
const started = new Date();
const quickEnv = quick ? { AEO_BENCH_QUICK: '1', AEO_BENCH_FILES: '8', AEO_BENCH_FILE_MIB: '16' } : {};
const run = spawnSync(bin('vitest'), ['run', '--config', 'vitest.bench.config.mts', ...(quick ? ['test/bench/bundles.bench-run.ts'] : []), ...rest], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...quickEnv, AEO_BENCH_OUT: out, AEO_BENCH_ROWS: rowsFile },
});
const loadAfter = load();

const read = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};
const summary = read(out).trim();
const rows = read(rowsFile)
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
rmSync(scratch, { recursive: true, force: true });

const best = (values) => (values.length ? Math.min(...values) : NaN);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};
const fmt = (value, unit) => {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'ms') return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`;
  if (unit === 'MiB') return `${value.toFixed(0)} MiB`;
  return `${value.toFixed(2)} %`;
};
const measured = rows.map((r) => {
  const ours = { best: best(r.ours), median: median(r.ours), rounds: r.ours.length };
  const reference = r.reference ? { label: r.reference.label, best: best(r.reference.values), median: median(r.reference.values), rounds: r.reference.values.length } : null;
  const ratio = reference ? { best: ours.best / reference.best, median: ours.median / reference.median } : null;
  return { ...r, summary: { ours, reference, ratio } };
});

const header = ['work', 'ours best / median', 'reference (same run) best / median', 'ratio best / median', 'goal', 'n'];
const lines = measured.map((r) => {
  const { ours, reference, ratio } = r.summary;
  return [
    r.work + (r.note ? ` (${r.note})` : ''),
    `${fmt(ours.best, r.unit)} / ${fmt(ours.median, r.unit)}`,
    reference ? `${reference.label}: ${fmt(reference.best, r.unit)} / ${fmt(reference.median, r.unit)}` : '–',
    ratio ? `${ratio.best.toFixed(2)}× / ${ratio.median.toFixed(2)}×` : '–',
    r.goal ?? '',
    String(ours.rounds),
  ];
});
const cell = (s) => s.replace(/\|/g, '\\|');
const table = [header, header.map(() => '---'), ...lines].map((cols) => `| ${cols.map(cell).join(' | ')} |`).join('\n');

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} CPUs, Node ${process.version}`;
console.log(`\n=== bench summary (${machine})\n${summary || '(no measurements were reported)'}`);
console.log(`\n=== bench table${quick ? ' (--quick: 128 MiB)' : ''}: load average ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after`);
console.log(table);

mkdirSync(path.join(root, 'test-results'), { recursive: true });
writeFileSync(
  path.join(root, 'test-results', 'bench.json'),
  `${JSON.stringify({ startedAt: started.toISOString(), machine, quick, loadAverage: { before: loadBefore, after: loadAfter }, rows: measured }, null, 2)}\n`,
);
console.log('\nwritten: test-results/bench.json');
process.exit(run.status ?? 1);

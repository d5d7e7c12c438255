import { appendFileSync } from 'node:fs';

/** Summary statistics of a list of durations in milliseconds. */
export function stats(durations: number[]) {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 3 : 1)} ms`;

/**
 * Prints one measurement line and, when run by scripts/bench.mjs, appends it to the summary file it prints at
 * the end (AEO_BENCH_OUT), so the figures are not lost among vitest's output.
 */
export function report(line: string): void {
  console.log(line);
  const out = process.env.AEO_BENCH_OUT;
  if (out) appendFileSync(out, `${line}\n`);
}

/** `npm run bench -- --quick`: the 128 MiB version (scripts/bench.mjs sets it). */
export const QUICK = process.env.AEO_BENCH_QUICK === '1';

/**
 * One row of the table `npm run bench` prints and writes to test-results/bench.json: every value of each round
 * (ours, and the reference measured in the same run, alternating with ours), so the script can show the best and
 * the median of both and their ratio. Units: 'ms' (durations), 'MiB' (sizes), '%' (shares).
 */
export type BenchRow = {
  work: string;
  unit: 'ms' | 'MiB' | '%';
  ours: number[];
  reference?: { label: string; values: number[] };
  goal?: string;
  note?: string;
};

export function row(entry: BenchRow): void {
  const rows = process.env.AEO_BENCH_ROWS;
  if (rows) appendFileSync(rows, `${JSON.stringify(entry)}\n`);
}

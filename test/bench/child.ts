import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { findAppRoot } from '../../src-main/core/app-paths';

/* A bench's child process (the built `aeo` CLI, or a reference tool), measured from outside. */

const root = findAppRoot();
export const cli = path.join(root, 'out', 'main', 'cli.js');

/** The benches run the built CLI: builds it when the sources are newer than the build. False when the build failed. */
export function buildCli(): boolean {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => Math.max(max, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs), 0);
  if (existsSync(cli) && statSync(cli).mtimeMs >= newest(path.join(root, 'src-main'))) return true;
  return spawnSync(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: 'ignore' }).status === 0;
}

export type Child = {
  wallMs: number;
  cpuMs: number;
  peakRssKiB: number;
  code: number | null;
  stdout: string;
  timing: { totalMs: number; phases: Record<string, number> } | null;
};

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

/**
 * Runs a command under /usr/bin/time: wall time, CPU time (user + system, children included) and peak RSS. The
 * CPU figures matter on a shared machine, where wall times swing with whatever else runs.
 */
export function measure(bin: string, args: string[]): Promise<Child> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = hasTime
      ? spawn(TIME, ['-f', 'AEO_RUSAGE %e %U %S %M', bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(bin, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    const poll = hasTime
      ? null
      : setInterval(() => {
          try {
            const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (match) peak = Math.max(peak, Number(match[1]));
          } catch {
            // exited between polls
          }
        }, 10);
    child.on('exit', (code) => {
      if (poll) clearInterval(poll);
      const wallMs = performance.now() - started;
      const usage = /AEO_RUSAGE ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      const timingLine = /AEO_TIMING (.*)/.exec(stderr)?.[1];
      if (code !== 0) console.error(stderr);
      resolve({
        wallMs,
        cpuMs: usage ? (Number(usage[2]) + Number(usage[3])) * 1000 : NaN,
        peakRssKiB: usage ? Number(usage[4]) : peak,
        code,
        stdout,
        timing: timingLine ? JSON.parse(timingLine) : null,
      });
    });
  });
}

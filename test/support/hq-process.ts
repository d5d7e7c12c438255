import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt, projectRoot } from './built-app';
import { HQ_TEST_PASSPHRASE } from './hq-fixture';

/*
 * The built HQ server as `npm run hq` runs it (node out/main/hq.js), on port 0, in its own process: its JSON log
 * lines are collected, its URL read from the line it prints when it listens.
 */

export type HqProcess = { url: string; child: ChildProcess; logs: () => Record<string, unknown>[]; stop(): Promise<number | null> };

export async function spawnHq(dataDir: string, env: Record<string, string> = {}): Promise<HqProcess> {
  await ensureBuilt();
  const child = spawn(process.execPath, [path.join(projectRoot, 'out', 'main', 'hq.js'), '--port', '0', '--data', dataDir], {
    cwd: projectRoot,
    env: { ...process.env, HQ_PASSPHRASE: HQ_TEST_PASSPHRASE, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  child.stdout?.on('data', (d: Buffer) => lines.push(...d.toString('utf8').split('\n').filter(Boolean)));
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      const match = /AEO HQ on (http:\/\/[^\s]+)/.exec(stderr);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`HQ exited (${code}) before listening: ${stderr}`)));
  });
  return {
    url,
    child,
    logs: () => lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

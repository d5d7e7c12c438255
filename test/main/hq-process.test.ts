import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src-hq/config';
import { runAeo } from '../support/aeo-cli';
import { HQ_TEST_PASSPHRASE, logLine } from '../support/hq-fixture';
import { spawnHq } from '../support/hq-process';

/* `npm run hq` as a process: flags and HQ_* variables, the health answer, a clean stop; and what it refuses. */

describe('npm run hq', () => {
  it('reads flags over HQ_* variables over the defaults', () => {
    expect(readConfig([], {})).toMatchObject({ port: 5299, host: '127.0.0.1', data: path.resolve('hq-data'), logLevel: 'info' });
    expect(readConfig([], { HQ_PORT: '7000', HQ_HOST: '0.0.0.0', HQ_DATA: '/srv/hq', HQ_UPLOAD_EXPIRY_HOURS: '2' })).toMatchObject({
      port: 7000,
      host: '0.0.0.0',
      data: '/srv/hq',
      uploadExpiryHours: 2,
    });
    expect(readConfig(['--port', '0', '--data', 'x'], { HQ_PORT: '7000' })).toMatchObject({ port: 0, data: path.resolve('x') });
    expect(() => readConfig(['--port', 'eighty'], {})).toThrow(/port/);
    expect(() => readConfig(['--bogus'], {})).toThrow();
  });

  it('serves /health from a data folder made by aeo hq init, and stops on SIGTERM', async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'aeo-hq-proc-')), 'hq');
    process.env.HQ_PASSPHRASE = HQ_TEST_PASSPHRASE;
    const init = await runAeo('hq', ['init'], { data: dataDir }).finally(() => delete process.env.HQ_PASSPHRASE);
    expect(init.code, init.out).toBe(0);
    const hq = await spawnHq(dataDir);
    try {
      const health = (await (await fetch(`${hq.url}/health`)).json()) as { ok: boolean; value: { service: string; trustListVersion: number } };
      expect(health).toMatchObject({ ok: true, value: { service: 'aeo-hq', trustListVersion: 1 } });
      // The access log line follows the answer: wait for it (bounded), then read it.
      const logged = await logLine(hq.logs, (l) => l.msg === 'request completed' && (l.res as { statusCode?: number } | undefined)?.statusCode === 200);
      expect(logged).toMatchObject({ reqId: expect.any(String), level: 30 });
    } finally {
      expect(await hq.stop()).toBe(0);
    }
  }, 60_000);

  it('refuses to start with the wrong passphrase or on a folder without an HQ key', async () => {
    const empty = path.join(mkdtempSync(path.join(os.tmpdir(), 'aeo-hq-proc-')), 'hq');
    await expect(spawnHq(empty)).rejects.toThrow(/no HQ key/);
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'aeo-hq-proc-')), 'hq');
    process.env.HQ_PASSPHRASE = HQ_TEST_PASSPHRASE;
    await runAeo('hq', ['init'], { data: dataDir }).finally(() => delete process.env.HQ_PASSPHRASE);
    await expect(spawnHq(dataDir, { HQ_PASSPHRASE: 'not the passphrase at all' })).rejects.toThrow(/could not be unlocked/);
  }, 60_000);
});

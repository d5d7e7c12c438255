import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleDetail } from '../../src-main/contract/bundles';
import type { EnrollResult } from '../../src-main/contract/sync';
import { findAppRoot } from '../../src-main/core/app-paths';
import { verifyReceipt } from '../../src-main/core/hq-protocol';
import { device, PASSPHRASE, type Device } from '../support/bundle-devices';
import { sha256 } from '../support/bundle-fixtures';
import { entryArgs } from '../support/built-app';
import { startCutProxy, type CutProxy } from '../support/cut-proxy';
import { seeded } from '../support/seeded';
import { startHq, type RunningHq } from '../support/hq-fixture';
import { fileSource } from '../support/local-files';
import { call, sampleCase, tempDir } from '../support/temp-store';

/**
 * A bundle of some size goes up through a loopback proxy that cuts the connection at seeded random byte offsets
 * (at least ten cuts), while the `aeo sync` process is killed outright at some of them and started again. The
 * upload resumes every time from what HQ holds (its URL is kept in the device's SQLite), so HQ ingests the bundle
 * exactly once, the receipt verifies, and everything the device sent adds up to within 5% of the bundle's size.
 */

const SEED = Number(process.env.AEO_CUT_SEED ?? 0x0c0ffee);
const CUTS = 12;
const EVIDENCE_BYTES = 40 * 1024 * 1024;
const root = findAppRoot();

/** The fixture case is unfinished on purpose; sealing it takes the pre-seal override. */
const OVERRIDE = 'Test fixture: an unfinished case is sealed on purpose.';
let hq: RunningHq;
let proxy: CutProxy;
let validator: Device;
let work: string;
let sealed: BundleDetail;

beforeAll(async () => {
  hq = await startHq();
  proxy = await startCutProxy(Number(new URL(hq.url).port));
  work = tempDir('aeo-resume-');
  validator = await device('Dana Validator');
  await call(validator.dispatch, 'sync:configure', { hqUrl: proxy.url });
  const asked = await call<EnrollResult>(validator.dispatch, 'sync:enroll', {});
  if (asked.outcome !== 'needs_confirmation') throw new Error('expected the HQ fingerprint question');
  await call(validator.dispatch, 'sync:enroll', { confirmFingerprint: asked.hqKey.fingerprint });
  const keyId = (validator.store.sqlite.prepare('SELECT key_id FROM user_keys').pluck().get() as string);
  hq.approve(keyId, 'validator');
  await call(validator.dispatch, 'sync:now', {});
  const caseId = (await call<{ id: string }>(validator.dispatch, 'cases:create', sampleCase())).id;
  const scan = path.join(work, 'site-scan.pdf');
  writeFileSync(scan, Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(EVIDENCE_BYTES)]));
  await call(validator.dispatch, 'evidence:attach', { caseId, source: fileSource(scan), caption: 'Site scan' });
  sealed = await call<BundleDetail>(validator.dispatch, 'bundles:seal', { caseId, overrideReason: OVERRIDE });
  // From here on only the `aeo sync` processes touch the data folder.
  validator.store.close();
  writeFileSync(path.join(work, 'pass.txt'), PASSPHRASE);
}, 300_000);

afterAll(async () => {
  await proxy?.close();
  await hq?.close();
  validator?.dispose();
});

function runSync(killAt: number | null): Promise<{ code: number | null; killed: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...entryArgs('cli'), 'sync', '--data', validator.dataDir, '--passphrase-file', path.join(work, 'pass.txt')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    if (killAt !== null) {
      proxy.at(killAt, () => {
        killed = true;
        child.kill('SIGKILL');
      });
    }
    child.on('exit', (code) => resolve({ code, killed, output }));
  });
}

const outboxRow = () => {
  const db = new Database(path.join(validator.dataDir, 'aeo.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT state, receipt, offset FROM outbox WHERE bundle_id = ?').get(sealed.summary.bundleId) as
      | { state: string; receipt: string | null; offset: number }
      | undefined;
  } finally {
    db.close();
  }
};

describe('resumable upload through a connection cut at random offsets, with the client killed in between', () => {
  it('is ingested exactly once, with a valid receipt, sending within 5% of the bundle size', async () => {
    const size = sealed.summary.size;
    const file = path.join(validator.dataDir, 'bundles', `${sealed.summary.bundleId}.aeob`);
    const fileSha = sha256(readFileSync(file));
    const random = seeded(SEED);
    const base = proxy.bytesUp;
    const offsets = Array.from({ length: CUTS }, () => base + Math.floor(size * (0.03 + 0.94 * random()))).sort((a, b) => a - b);
    proxy.planCuts(offsets);
    // Kill the client process itself a little after three of the cuts (the app closed, the laptop died).
    const kills = [offsets[2]!, offsets[6]!, offsets[9]!].map((o) => o + Math.floor(size * 0.01));

    const runs: { code: number | null; killed: boolean }[] = [];
    while (outboxRow()?.state !== 'delivered' && runs.length < 40) {
      const killAt = kills.find((k) => k > proxy.bytesUp) ?? null;
      const result = await runSync(killAt);
      runs.push({ code: result.code, killed: result.killed });
      if (result.code !== 0 && !result.killed && !/broke off|did not answer/.test(result.output)) throw new Error(result.output);
    }

    const row = outboxRow();
    expect(row?.state).toBe('delivered');
    expect(proxy.cuts).toBeGreaterThanOrEqual(10);
    expect(runs.filter((r) => r.killed).length).toBeGreaterThanOrEqual(3);
    const sent = proxy.bytesUp - base;
    expect(sent).toBeGreaterThanOrEqual(size);
    expect(sent).toBeLessThanOrEqual(size * 1.05);

    // Exactly once at HQ: one intake, one receipt, and the device's copy verifies against HQ's key.
    const intakes = hq.logs().filter((l) => l.sha256 === fileSha && (l.outcome === 'delivered' || l.outcome === 'rejected'));
    expect(intakes.map((l) => [l.outcome, l.duplicate])).toEqual([['delivered', false]]);
    const check = verifyReceipt(JSON.parse(row!.receipt!), hq.hqPerson.keys.signingPublicKey, { sha256: fileSha, bundleId: sealed.summary.bundleId });
    expect(check).toMatchObject({ ok: true, receipt: { size } });
    console.log(`resume: ${runs.length} runs, ${proxy.cuts} cuts, ${runs.filter((r) => r.killed).length} kills, sent ${sent} for ${size} (+${(((sent - size) / size) * 100).toFixed(2)}%)`);
  }, 600_000);
});

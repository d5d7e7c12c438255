import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHqStore } from '../../src-hq/db/open';
import { unlockHqIdentity } from '../../src-hq/identity';
import { approveEnrollment, initHq, receiveEnrollment, TrustListSource } from '../../src-hq/trust';
import { hashFile } from '../../src-main/core/blob-store';
import { person, reportBlob, sealSample } from '../support/bundle-fixtures';
import { enrollmentFile, HQ_TEST_PASSPHRASE, login, logLine, tusUpload } from '../support/hq-fixture';
import { spawnHq, type HqProcess } from '../support/hq-process';
import { report } from './report';

/*
 * HQ's verify-and-store of one large bundle, in the built server (`node out/main/hq.js`, its decryption workers as
 * shipped): re-hash against the declared SHA-256, decrypt, verify every blob, stage the PDFs, publish, sign the
 * receipt. The server logs it as `intakeMs`. Beside it, what an operator would run by hand on the same bytes:
 * `age -d -i HQ_IDENTITY FILE | openssl dgst -sha256`. The tus upload over loopback is reported too. A fresh HQ
 * each round (a second intake of the same bytes is a duplicate). Informative only: nothing is asserted on time.
 */

const BUNDLE_MIB = Number(process.env.AEO_BENCH_HQ_MIB ?? 512);
const ROUNDS = Number(process.env.AEO_BENCH_ROUNDS ?? 2);
const MIB = 1024 * 1024;
const work = mkdtempSync(path.join(os.tmpdir(), 'aeo-hq-bench-'));
const running: HqProcess[] = [];

afterAll(async () => {
  for (const hq of running) await hq.stop();
  rmSync(work, { recursive: true, force: true });
});

function randomFile(file: string, mib: number): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(MIB);
  for (let i = 0; i < mib; i++) writeSync(fd, randomFillSync(chunk));
  closeSync(fd);
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

describe('HQ intake bench', () => {
  it(`verify-and-store of a ${BUNDLE_MIB} MiB bundle against age -d | openssl dgst -sha256`, async () => {
    const evidence = path.join(work, 'evidence.bin');
    randomFile(evidence, BUNDLE_MIB);
    const evidenceSha = await hashFile(evidence);
    const intake: number[] = [];
    const upload: number[] = [];
    const reference: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = path.join(work, `hq-${round}`);
      const validator = await person('Dana Validator', 'validator');
      const lead = await person('Timur Lead', 'team_lead');
      const store = openHqStore(dataDir);
      let trust;
      let hqPerson;
      try {
        await initHq(store, HQ_TEST_PASSPHRASE, 'Customs HQ', new Date());
        const identity = await unlockHqIdentity(dataDir, HQ_TEST_PASSPHRASE);
        receiveEnrollment(store, enrollmentFile(validator), new Date());
        approveEnrollment(store, identity, validator.keys.keyId, 'validator', new Date());
        trust = new TrustListSource(store, identity.signer).current();
        hqPerson = { keys: identity.keys, userId: validator.userId, member: { ...validator.member, keyId: identity.keys.keyId, role: 'hq' as const } };
        writeFileSync(path.join(work, `identity-${round}.txt`), `${identity.keys.ageIdentity}\n`, { mode: 0o600 });
      } finally {
        store.close();
      }
      const sealed = await sealSample(work, { hq: hqPerson, lead, validator, outsider: lead }, trust, {
        signer: validator,
        parallel: true,
        blobs: [
          reportBlob('0190f1d2-3c4b-7a5e-8f60-123456789abc'),
          { role: 'evidence', mediaType: 'application/octet-stream', displayName: 'big.bin', size: BUNDLE_MIB * MIB, sha256: evidenceSha, open: () => createReadStream(evidence, { highWaterMark: MIB }) },
        ],
      });
      const hq = await spawnHq(dataDir);
      running.push(hq);
      const target = { url: hq.url, hqKeyId: hqPerson.keys.keyId };
      const token = await login(target, validator);
      execFileSync('sync');
      const started = performance.now();
      expect(await tusUpload(target, token, sealed.path, await hashFile(sealed.path), { chunkSize: 64 * MIB })).toBe('delivered');
      const total = performance.now() - started;
      const line = await logLine(hq.logs, (l) => l.outcome === 'delivered');
      const intakeMs = Number(line?.intakeMs);
      intake.push(intakeMs);
      upload.push(total - intakeMs);
      await hq.stop();

      execFileSync('sync');
      const refStarted = performance.now();
      execFileSync('sh', ['-c', `age -d -i '${path.join(work, `identity-${round}.txt`)}' '${sealed.path}' | openssl dgst -sha256 > /dev/null`]);
      reference.push(performance.now() - refStarted);
      rmSync(sealed.path, { force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
    const size = `${BUNDLE_MIB} MiB`;
    report(`HQ intake of a ${size} bundle (built server, median of ${ROUNDS}): verify-and-store ${s(median(intake))}; reference age -d | openssl dgst -sha256 ${s(median(reference))} (ratio ${(median(intake) / median(reference)).toFixed(2)}); tus upload over loopback before it ${s(median(upload))} (${((BUNDLE_MIB / median(upload)) * 1000).toFixed(0)} MiB/s)`);
    expect(statSync(evidence).size).toBe(BUNDLE_MIB * MIB);
  });
});

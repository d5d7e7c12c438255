import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { randomFillSync } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHqStore } from '../../src-hq/db/open';
import { unlockHqIdentity } from '../../src-hq/identity';
import { approveEnrollment, initHq, receiveEnrollment, TrustListSource } from '../../src-hq/trust';
import { hashFile } from '../../src-main/core/blob-store';
import { person, reportBlob, sealSample } from '../support/bundle-fixtures';
import { tusUpload, type PreviousUpload, type UploadUrlStorage } from '../../src-main/core/sync/tus-upload';
import { enrollmentFile, HQ_TEST_PASSPHRASE, login, logLine } from '../support/hq-fixture';
import { startCutProxy } from '../support/cut-proxy';
import { spawnHq, type HqProcess } from '../support/hq-process';
import { report, row } from './report';

/*
 * HQ's verify-and-store of one large bundle, in the built server (`node out/main/hq.js`, its decryption workers as
 * shipped): re-hash against the declared SHA-256, decrypt, verify every blob, stage the PDFs, publish, sign the
 * receipt. The server logs it as `intakeMs`. Beside it, what an operator would run by hand on the same bytes:
 * `age -d -i HQ_IDENTITY FILE | openssl dgst -sha256`. The tus upload over loopback is reported too. A fresh HQ
 * each round (a second intake of the same bytes is a duplicate). Informative only: nothing is asserted on time.
 * The upload is the device's own (src-main/core/sync/tus-upload: the file streamed by ranges, the shipped chunk
 * size), timed from the first request to the last answer: the device has the bundle's SHA-256 from sealing, so
 * hashing it is not part of sending it. It is set beside `curl -T` of the same file to a plain HTTP sink that
 * writes it to disk (the goal is a throughput ratio of at least 0.5). One extra round goes through a loopback
 * proxy that cuts the connection at 50%, and what tus sends again after resuming from HQ's offset is reported
 * (goal: at most 5% of the bundle); it is not timed, so both upload rows have ROUNDS values.
 */

const execFileAsync = promisify(execFile);

/** `curl -T FILE` into a plain file sink on loopback: the reference for the upload. */
async function curlUpload(file: string, sinkFile: string): Promise<number> {
  const sink = createServer((req, res) => {
    void pipeline(req, createWriteStream(sinkFile)).then(() => res.end('ok'), () => res.destroy());
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = sink.address() as AddressInfo;
    const started = performance.now();
    // Asynchronously: the sink lives in this process, and a synchronous child would block its event loop.
    await execFileAsync('curl', ['-sS', '-o', '/dev/null', '-T', file, `http://127.0.0.1:${port}/sink`]);
    return performance.now() - started;
  } finally {
    await new Promise((resolve) => sink.close(resolve));
    rmSync(sinkFile, { force: true });
  }
}

const BUNDLE_MIB = Number(process.env.AEO_BENCH_HQ_MIB ?? 512);
const ROUNDS = Number(process.env.AEO_BENCH_ROUNDS ?? 3);
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

/** The URL store the outbox would be, in memory: the cut round resumes through it. */
function memoryUrlStorage(): UploadUrlStorage {
  const kept = new Map<string, PreviousUpload>();
  return {
    findAllUploads: () => Promise.resolve([...kept.values()]),
    findUploadsByFingerprint: (fingerprint) => Promise.resolve([...kept.entries()].filter(([key]) => key.startsWith(fingerprint)).map(([, upload]) => upload)),
    removeUpload: (key) => Promise.resolve(void kept.delete(key)),
    addUpload: (fingerprint, upload) => {
      const key = `${fingerprint}:${kept.size}`;
      kept.set(key, upload);
      return Promise.resolve(key);
    },
  };
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
    const curl: number[] = [];
    const resent: { bytes: number; share: number; cuts: number }[] = [];
    const cutRounds = ROUNDS > 1 ? 1 : 0;
    for (let round = 0; round < ROUNDS + cutRounds; round++) {
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
      const direct = { url: hq.url, hqKeyId: hqPerson.keys.keyId };
      const token = await login(direct, validator);
      const cutRound = round === ROUNDS;
      const proxy = cutRound ? await startCutProxy(Number(new URL(hq.url).port)) : null;
      const bundleSize = statSync(sealed.path).size;
      proxy?.planCuts([Math.floor(bundleSize / 2)]);
      const target = proxy ? { url: proxy.url, hqKeyId: direct.hqKeyId } : direct;
      const bundleSha = await hashFile(sealed.path);
      execFileSync('sync');
      const started = performance.now();
      await tusUpload({ endpoint: `${target.url}/files/`, file: sealed.path, sha256: bundleSha, size: bundleSize, filename: 'bench.aeob', urlStorage: memoryUrlStorage(), token: () => Promise.resolve(token), retryDelays: [0, 200, 1000] });
      const total = performance.now() - started;
      const line = await logLine(hq.logs, (l) => l.outcome === 'delivered');
      expect(line, 'HQ delivered the bundle').toBeDefined();
      const intakeMs = Number(line?.intakeMs);
      intake.push(intakeMs);
      if (proxy) {
        // Everything the device sent, requests included, beyond the bundle's own bytes.
        resent.push({ bytes: proxy.bytesUp - bundleSize, share: (proxy.bytesUp - bundleSize) / bundleSize, cuts: proxy.cuts });
        await proxy.close();
      } else {
        upload.push(total - intakeMs);
      }
      await hq.stop();

      if (!cutRound) {
        execFileSync('sync');
        curl.push(await curlUpload(sealed.path, path.join(work, 'sink.bin')));
      }

      execFileSync('sync');
      const refStarted = performance.now();
      execFileSync('sh', ['-c', `age -d -i '${path.join(work, `identity-${round}.txt`)}' '${sealed.path}' | openssl dgst -sha256 > /dev/null`]);
      reference.push(performance.now() - refStarted);
      rmSync(sealed.path, { force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
    const size = `${BUNDLE_MIB} MiB`;
    report(`HQ intake of a ${size} bundle (built server, median of ${ROUNDS} rounds; verify-and-store also in the cut round): verify-and-store ${s(median(intake))}; reference age -d | openssl dgst -sha256 ${s(median(reference))} (ratio ${(median(intake) / median(reference)).toFixed(2)}); tus upload over loopback before it ${s(median(upload))} (${((BUNDLE_MIB / median(upload)) * 1000).toFixed(0)} MiB/s); curl -T to a plain file sink ${s(median(curl))} (throughput ratio tus/curl ${(median(curl) / median(upload)).toFixed(2)}, goal >= 0.5)`);
    for (const r of resent) {
      report(`HQ upload cut at 50% (${r.cuts} cut), resumed from HQ's offset: ${(r.bytes / MIB).toFixed(2)} MiB sent beyond the bundle (${(r.share * 100).toFixed(2)}% of it, goal <= 5%)`);
    }
    row({ work: `HQ verify-and-store of a ${size} bundle`, unit: 'ms', ours: intake, reference: { label: 'age -d | openssl dgst -sha256', values: reference } });
    row({ work: `tus upload of a ${size} bundle over loopback (time)`, unit: 'ms', ours: upload, reference: { label: 'curl -T to a file sink', values: curl }, goal: '≤ 2× (throughput ≥ 0.5 of curl)' });
    if (resent.length > 0) row({ work: 'bytes resent after a cut at 50% (share of the bundle)', unit: '%', ours: resent.map((r) => r.share * 100), goal: '≤ 5 %', note: 'one cut round' });
    expect(statSync(evidence).size).toBe(BUNDLE_MIB * MIB);
  });
});

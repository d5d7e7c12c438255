import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tus from 'tus-js-client';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyTrustList } from '../../src-main/core/bundle/trust-list';
import { verifyReceipt } from '../../src-main/core/hq-protocol';
import { person, sealSample, sha256 } from '../support/bundle-fixtures';
import { enrolled, getJson, login, receiptOf, startHq, type RunningHq } from '../support/hq-fixture';

/*
 * An upload cut half-way resumes where HQ says it stopped, even across an HQ restart (uploads live on disk and in
 * HQ's store; tokens do not, so the device logs in again), and the bundle is ingested once.
 */

const running: RunningHq[] = [];
afterAll(async () => {
  for (const hq of running) await hq.close().catch(() => undefined);
});

describe('HQ resumable uploads', () => {
  it('a cut upload resumes from HQ offset after HQ restarts, and is ingested once', async () => {
    let hq = await startHq();
    running.push(hq);
    const dataDir = hq.dataDir;
    const validator = await enrolled(hq, 'Dana Validator', 'validator');
    const lead = await person('Timur Lead', 'team_lead');
    const file = (await getJson<{ file: string }>(`${hq.url}/trust-list`)).body.value.file;
    const trust = verifyTrustList(Buffer.from(file), { anchors: [hq.hqKeyId] });
    const work = mkdtempSync(path.join(os.tmpdir(), 'aeo-hq-resume-'));
    const sealed = await sealSample(work, { hq: hq.hqPerson, lead, validator, outsider: lead }, trust, { signer: validator });
    const bytes = readFileSync(sealed.path);
    const sha = sha256(bytes);
    const chunkSize = Math.ceil(bytes.length / 4);
    let token = await login(hq, validator);

    // First attempt: stopped after the first chunk HQ acknowledged.
    const uploadUrl = await new Promise<string>((resolve, reject) => {
      const upload: tus.Upload = new tus.Upload(bytes, {
        endpoint: `${hq.url}/files/`,
        headers: { authorization: `Bearer ${token}` },
        metadata: { sha256: sha, filename: 'bundle.aeob' },
        chunkSize,
        retryDelays: [],
        onChunkComplete: () => void upload.abort().then(() => resolve(upload.url as string)),
        onError: reject,
      });
      upload.start();
    });
    await hq.close();

    hq = await startHq({ dataDir });
    running.push(hq);
    token = await login(hq, validator);
    const resumeUrl = `${hq.url}${new URL(uploadUrl).pathname}`;
    const offsets: number[] = [];
    const outcome = await new Promise<string>((resolve, reject) => {
      const upload = new tus.Upload(bytes, {
        uploadUrl: resumeUrl,
        headers: { authorization: `Bearer ${token}` },
        metadata: { sha256: sha, filename: 'bundle.aeob' },
        chunkSize,
        retryDelays: [],
        onProgress: (sent) => void offsets.push(sent),
        onSuccess: ({ lastResponse }) => resolve(lastResponse.getHeader('Aeo-Outcome') ?? ''),
        onError: reject,
      });
      upload.start();
    });
    expect(outcome).toBe('delivered');
    // The second attempt started from HQ's offset, not from zero.
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(chunkSize);
    const receipt = await receiptOf(hq, token, sha);
    expect(receipt.value.state).toBe('delivered');
    if (receipt.value.state === 'delivered') expect(verifyReceipt(receipt.value.receipt, hq.server.identity.keys.signingPublicKey, { sha256: sha }).ok).toBe(true);
    expect((hq.server.store.sqlite.prepare('SELECT count(*) AS n FROM bundles').get() as { n: number }).n).toBe(1);
  }, 60_000);
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobPath } from '../../src-main/core/blob-store';
import { verifyTrustList } from '../../src-main/core/bundle/trust-list';
import { verifyReceipt } from '../../src-main/core/hq-protocol';
import { bundlesRoot } from '../../src-hq/intake';
import { revokeEnrolledKey } from '../../src-hq/trust';
import type { InboxItem, OfficerBundleDetail, OfficerBundlesAnswer, TrustListAnswer } from '../../src-main/contract/hq';
import { person, sealSample, sha256, type Cast, type Person } from '../support/bundle-fixtures';
import { enrolled, enrollmentFile, getJson, login, logLine, postJson, receiptOf, startHq, tusUpload, type RunningHq } from '../support/hq-fixture';
import { runAeo } from '../support/aeo-cli';

/*
 * A real HQ (Fastify on 127.0.0.1:0, its own SQLite, its own key) and real bundles sealed by the core, uploaded with
 * tus-js-client: the server side of issue 11.
 */

let hq: RunningHq;
let lead: Person;
let validator: Person;
let outsider: Person;
let work: string;

const cast = (): Cast => ({ hq: hq.hqPerson, lead, validator, outsider });
let listFile = '';
const currentList = () => verifyTrustList(Buffer.from(listFile, 'utf8'), { anchors: [hq.server.identity.signer.keyId] });
const seal = (options: Parameters<typeof sealSample>[3] = {}) => sealSample(work, cast(), currentList(), options);
async function refreshList() {
  const answer = await getJson<TrustListAnswer>(`${hq.url}/trust-list`);
  listFile = answer.body.value.file;
  return answer.body.value;
}
const bundleCount = () => (hq.server.store.sqlite.prepare('SELECT count(*) AS n FROM bundles').get() as { n: number }).n;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'aeo-hq-work-'));
  hq = await startHq();
  lead = await enrolled(hq, 'Timur Lead', 'team_lead');
  validator = await enrolled(hq, 'Dana Validator', 'validator');
  outsider = await enrolled(hq, 'Oleg Other', 'validator');
  await refreshList();
}, 60_000);

afterAll(async () => {
  await hq?.close();
});

describe('HQ enrollment and trust lists', () => {
  it('enroll → pending → approve → the next trust-list version is served, signed by HQ', async () => {
    const before = await refreshList();
    const newcomer = await person('Nina New', 'validator');
    const file = path.join(work, 'nina.enrollment.json');
    writeFileSync(file, enrollmentFile(newcomer));
    const sent = await runAeo('hq', ['enroll', file], { hq: hq.url });
    expect(sent.code).toBe(0);
    expect(sent.out).toMatch(/^pending: key /);
    const pending = await runAeo('hq', ['pending'], { data: hq.dataDir });
    expect(pending.out).toContain(newcomer.keys.keyId);

    const approved = await runAeo('hq', ['approve', newcomer.keys.keyId], {
      data: hq.dataDir,
      role: 'validator',
      'passphrase-file': writePassphrase(),
    });
    expect(approved.code, approved.out).toBe(0);
    const after = await refreshList();
    expect(after.version).toBe(before.version + 1);
    const list = verifyTrustList(Buffer.from(after.file), { anchors: [hq.server.identity.signer.keyId] });
    expect(list.members.map((m) => m.keyId)).toContain(newcomer.keys.keyId);
    const health = await getJson<{ trustListVersion: number }>(`${hq.url}/health`);
    expect(health.body.value.trustListVersion).toBe(after.version);
    // Sending the same file again is harmless and says it is approved.
    const again = await postJson(`${hq.url}/enroll`, enrollmentFile(newcomer));
    expect(again.status).toBe(200);
    expect(again.body.value).toEqual({ status: 'approved', keyId: newcomer.keys.keyId });
  });

  it('refuses an enrollment file not signed by the key it enrolls', async () => {
    const a = await person('A', 'validator');
    const b = await person('B', 'validator');
    const forged = JSON.parse(enrollmentFile(a).toString('utf8')) as { signatures: { sig: string }[] };
    forged.signatures[0]!.sig = (JSON.parse(enrollmentFile(b).toString('utf8')) as typeof forged).signatures[0]!.sig;
    const answer = await postJson(`${hq.url}/enroll`, forged);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('invalid_input');
  });
});

function writePassphrase(): string {
  const file = path.join(work, 'passphrase.txt');
  writeFileSync(file, 'hq test passphrase 0001\n', { mode: 0o600 });
  return file;
}

describe('HQ upload intake', () => {
  it('a tus upload is verified, stored once, and answered with a receipt that verifies with the HQ key', async () => {
    const token = await login(hq, validator);
    const sealed = await seal();
    const sha = sha256(readFileSync(sealed.path));
    expect((await receiptOf(hq, token, sha)).status).toBe(404);

    expect(await tusUpload(hq, token, sealed.path, sha, { chunkSize: 1000 })).toBe('delivered');
    const answer = await receiptOf(hq, token, sha);
    expect(answer.value.state).toBe('delivered');
    if (answer.value.state !== 'delivered') return;
    const check = verifyReceipt(answer.value.receipt, hq.server.identity.keys.signingPublicKey, { sha256: sha, bundleId: sealed.out.statement.predicate.bundleId });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.receipt.envelopeDigest).toBe(sealed.out.envelopeDigest);
    expect(check.receipt.size).toBe(readFileSync(sealed.path).length);
    expect(readFileSync(blobPath(bundlesRoot(hq.dataDir), sha))).toEqual(readFileSync(sealed.path));

    // The same bytes again: creation is refused (409) and the receipt is the same one.
    const count = bundleCount();
    await expect(tusUpload(hq, token, sealed.path, sha)).rejects.toThrow(/409/);
    expect(bundleCount()).toBe(count);
    expect((await receiptOf(hq, token, sha)).value).toEqual(answer.value);

    // The log line of the intake names the device key, the bundle and the outcome, with the request id.
    const line = await logLine(hq.logs, (l) => l.bundleId === sealed.out.statement.predicate.bundleId && l.outcome === 'delivered');
    expect(line).toMatchObject({ keyId: validator.keys.keyId, sha256: sha });
    expect(line?.reqId).toBeDefined();
  });

  it('bytes that do not hash to the declared SHA-256, a tampered bundle and a revoked signer are not ingested', async () => {
    const token = await login(hq, validator);
    const count = bundleCount();

    const honest = await seal();
    const claimed = 'ab'.repeat(32);
    expect(await tusUpload(hq, token, honest.path, claimed)).toBe('rejected');
    expect((await receiptOf(hq, token, claimed)).value).toMatchObject({ state: 'rejected', code: 'hash_mismatch' });

    const tampered = await seal();
    const bytes = readFileSync(tampered.path);
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] ?? 0) ^ 0xff;
    const tamperedFile = path.join(work, 'tampered.aeob');
    writeFileSync(tamperedFile, bytes);
    expect(await tusUpload(hq, token, tamperedFile)).toBe('rejected');
    expect((await receiptOf(hq, token, sha256(bytes))).value).toMatchObject({ state: 'rejected', code: 'decrypt_failed' });

    // Sealed while valid, uploaded after HQ revoked the key (by a colleague's upload: the signer cannot log in).
    const doomed = await enrolled(hq, 'Lost Laptop', 'validator');
    await refreshList();
    const sealedByDoomed = await seal({ signer: doomed });
    revokeEnrolledKey(hq.server.store, hq.server.identity, doomed.keys.keyId, 'lost laptop', new Date());
    await refreshList();
    await expect(login(hq, doomed)).rejects.toThrow(/403/);
    expect(await tusUpload(hq, token, sealedByDoomed.path)).toBe('rejected');
    expect((await receiptOf(hq, token, sha256(readFileSync(sealedByDoomed.path)))).value).toMatchObject({ state: 'rejected', code: 'key_revoked' });

    expect(bundleCount()).toBe(count);
    for (const sha of [claimed, sha256(bytes), sha256(readFileSync(sealedByDoomed.path))]) {
      expect(existsSync(blobPath(bundlesRoot(hq.dataDir), sha))).toBe(false);
    }
    expect(readdirSync(path.join(hq.dataDir, 'uploads')).filter((f) => !f.startsWith('.'))).toEqual([]);
  });

  it('the same bundle id with other content is refused and recorded', async () => {
    const token = await login(hq, validator);
    const first = await seal();
    expect(await tusUpload(hq, token, first.path)).toBe('delivered');
    const second = await seal({ bundleId: first.out.statement.predicate.bundleId });
    expect(await tusUpload(hq, token, second.path)).toBe('rejected');
    expect((await receiptOf(hq, token, sha256(readFileSync(second.path)))).value).toMatchObject({ state: 'rejected', code: 'bundle_id_conflict' });
    const leadToken = await login(hq, lead);
    const refusals = await getJson<{ rows: { code: string; bundleId: string | null }[] }>(`${hq.url}/officer/rejections`, leadToken);
    expect(refusals.body.value.rows).toContainEqual(expect.objectContaining({ code: 'bundle_id_conflict', bundleId: first.out.statement.predicate.bundleId }));
  });
});

describe('HQ inbox and officer view', () => {
  it('a team lead gets a bundle addressed to her; another validator does not', async () => {
    const token = await login(hq, validator);
    const sealed = await seal();
    const sha = sha256(readFileSync(sealed.path));
    expect(await tusUpload(hq, token, sealed.path)).toBe('delivered');

    const leadToken = await login(hq, lead);
    const inbox = await getJson<InboxItem[]>(`${hq.url}/inbox`, leadToken);
    expect(inbox.body.value.map((i) => i.sha256)).toContain(sha);
    const download = await fetch(`${hq.url}/inbox/${sha}`, { headers: { authorization: `Bearer ${leadToken}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(readFileSync(sealed.path));
    // The access line of that download carries the request id and the caller's key id.
    const access = await logLine(hq.logs, (l) => l.msg === 'request completed' && l.keyId === lead.keys.keyId && (l.res as { statusCode?: number })?.statusCode === 200);
    expect(access).toMatchObject({ reqId: expect.any(String) });

    const otherToken = await login(hq, outsider);
    const otherInbox = await getJson<InboxItem[]>(`${hq.url}/inbox`, otherToken);
    expect(otherInbox.body.value.map((i) => i.sha256)).not.toContain(sha);
    expect((await fetch(`${hq.url}/inbox/${sha}`, { headers: { authorization: `Bearer ${otherToken}` } })).status).toBe(404);
  });

  it('officers list bundles with their flags and fetch the PDFs; a validator key may not', async () => {
    const token = await login(hq, validator);
    const sealed = await seal({ sequence: 1 });
    expect(await tusUpload(hq, token, sealed.path)).toBe('delivered');
    const sha = sha256(readFileSync(sealed.path));
    const leadToken = await login(hq, lead);
    const list = await getJson<OfficerBundlesAnswer>(`${hq.url}/officer/bundles?limit=200`, leadToken);
    const row = list.body.value.rows.find((r) => r.sha256 === sha);
    expect(row).toMatchObject({ verification: 'verified', signer: { keyId: validator.keys.keyId, role: 'validator' } });
    // The validator's earlier bundles also had sequence 1: HQ flags the regression.
    expect(row?.flags).toContain('sequence_regression');

    const detail = await getJson<OfficerBundleDetail>(`${hq.url}/officer/bundles/${sha}`, leadToken);
    const pdf = detail.body.value.files.find((f) => f.role === 'validation-report-pdf');
    expect(pdf).toBeDefined();
    const file = await fetch(`${hq.url}/officer/bundles/${sha}/files/${pdf?.sha256}`, { headers: { authorization: `Bearer ${leadToken}` } });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('%PDF-1.7 validation report');
    const evidence = detail.body.value.files.find((f) => f.role === 'evidence');
    expect((await fetch(`${hq.url}/officer/bundles/${sha}/files/${evidence?.sha256}`, { headers: { authorization: `Bearer ${leadToken}` } })).status).toBe(404);

    expect((await getJson(`${hq.url}/officer/bundles`, token)).status).toBe(403);
    expect((await getJson(`${hq.url}/officer/bundles?limit=0`, leadToken)).status).toBe(400);
  });
});

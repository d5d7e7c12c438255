import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleDetail, BundleSummary } from '../../src-main/contract/bundles';
import type { KeysStatus } from '../../src-main/contract/keys';
import type { EnrollResult, OfficerView, OutboxEntry, SyncRound, SyncStatus } from '../../src-main/contract/sync';
import { verifyReceipt } from '../../src-main/core/hq-protocol';
import { fingerprint } from '../../src-main/core/keys';
import { device, type Device } from '../support/bundle-devices';
import { sha256 } from '../support/bundle-fixtures';
import { startCutProxy, type CutProxy } from '../support/cut-proxy';
import { startHq, type RunningHq } from '../support/hq-fixture';
import { fileSource } from '../support/local-files';
import { call, sampleCase, tempDir } from '../support/temp-store';

/**
 * Desktop sync against a real HQ (the hq server on 127.0.0.1:0, temp folders), reached through a loopback proxy
 * so HQ can go down and come back at the same address: a validator enrolls (confirming HQ's fingerprint), HQ
 * approves, the new trust list reaches the device by itself; a bundle sealed while HQ is down waits in the outbox
 * and is delivered once HQ is back, with a receipt that verifies against HQ's key; HQ's rejection code reaches the
 * outbox; a team lead receives and imports the bundle addressed to her without anything of hers being touched.
 */

/** The fixture case is unfinished on purpose; sealing it takes the pre-seal override. */
const OVERRIDE = 'Test fixture: an unfinished case is sealed on purpose.';
let hq: RunningHq;
let proxy: CutProxy;
let validator: Device;
let lead: Device;
let files: string;
let caseId: string;
let sealed: BundleDetail;

const sync = (d: Device) => call<SyncRound>(d.dispatch, 'sync:now', {});
const outbox = (d: Device) => call<OutboxEntry[]>(d.dispatch, 'sync:outbox', {});
const keyOf = async (d: Device) => (await call<KeysStatus>(d.dispatch, 'keys:status', {})).key!.keyId;
const count = (d: Device, sql: string, ...params: unknown[]) => d.store.sqlite.prepare(sql).pluck().get(...params) as number;
/** GET /receipts/<sha> requests HQ logged, and the order of intake requests for that upload. */
const hqRequests = (h: RunningHq) =>
  h.logs()
    .filter((l) => l.msg === 'incoming request')
    .map((l) => `${(l.req as { method: string }).method} ${(l.req as { url: string }).url}`);

async function enroll(d: Device, role: 'validator' | 'team_lead') {
  await call(d.dispatch, 'sync:configure', { hqUrl: proxy.url });
  const asked = await call<EnrollResult>(d.dispatch, 'sync:enroll', {});
  if (asked.outcome !== 'needs_confirmation') throw new Error(`expected a question, got ${asked.outcome}`);
  const sent = await call<EnrollResult>(d.dispatch, 'sync:enroll', { confirmFingerprint: asked.hqKey.fingerprint });
  expect(sent.outcome).toBe('pending');
  return hq.approve(await keyOf(d), role);
}

beforeAll(async () => {
  hq = await startHq();
  proxy = await startCutProxy(Number(new URL(hq.url).port));
  [validator, lead] = await Promise.all([device('Dana Validator'), device('Timur Lead', 'team_lead')]);
  files = tempDir('aeo-sync-files-');
  caseId = (await call<{ id: string }>(validator.dispatch, 'cases:create', sampleCase())).id;
  const scan = path.join(files, 'gate-procedure.pdf');
  writeFileSync(scan, Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(200_000)]));
  await call(validator.dispatch, 'evidence:attach', { caseId, source: fileSource(scan), caption: 'Gate procedure' });
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await hq?.close();
  validator?.dispose();
  lead?.dispose();
  rmSync(files, { recursive: true, force: true });
});

describe('desktop sync with a real HQ', () => {
  it('works with no HQ configured: the round says so and touches no network', async () => {
    const round = await sync(validator);
    expect(round).toMatchObject({ reached: false, problem: { code: 'not_configured' } });
    expect((await call<SyncStatus>(validator.dispatch, 'sync:status', {})).badge).toBe('not_configured');
  });

  it('enrollment pins HQ key only after its fingerprint is confirmed; a wrong fingerprint pins and sends nothing', async () => {
    await call(validator.dispatch, 'sync:configure', { hqUrl: proxy.url });
    const asked = await call<EnrollResult>(validator.dispatch, 'sync:enroll', {});
    expect(asked).toMatchObject({ outcome: 'needs_confirmation', hqKey: { keyId: hq.hqPerson.keys.keyId } });
    const wrong = await call<EnrollResult>(validator.dispatch, 'sync:enroll', { confirmFingerprint: fingerprint('ab'.repeat(32)) });
    expect(wrong).toMatchObject({ outcome: 'refused', problem: { code: 'wrong_hq_key' } });
    expect((await call<{ hqKey: unknown }>(validator.dispatch, 'sync:settings', {})).hqKey).toBeNull();
    const before = hqRequests(hq).filter((r) => r === 'POST /enroll').length;
    expect(before).toBe(0);

    const sent = await call<EnrollResult>(validator.dispatch, 'sync:enroll', { confirmFingerprint: fingerprint(hq.hqPerson.keys.keyId) });
    expect(sent).toMatchObject({ outcome: 'pending', keyId: await keyOf(validator) });
    expect(hqRequests(hq).filter((r) => r === 'POST /enroll')).toHaveLength(1);
  });

  it('before approval the round takes HQ trust list but is not let in; after approval trust list v+1 arrives by itself', async () => {
    const first = await sync(validator);
    expect(first).toMatchObject({ reached: true, problem: { code: 'not_enrolled' }, trustList: { installed: true, version: 1 } });
    expect((await call<KeysStatus>(validator.dispatch, 'keys:status', {})).trust.status).toBe('unknown');

    const version = hq.approve(await keyOf(validator), 'validator');
    expect(version).toBe(2);
    const second = await sync(validator);
    expect(second).toMatchObject({ reached: true, problem: null, trustList: { installed: true, version: 2 } });
    expect((await call<KeysStatus>(validator.dispatch, 'keys:status', {})).trust).toEqual({ status: 'valid', role: 'validator', trustListVersion: 2 });
    expect((await call<SyncStatus>(validator.dispatch, 'sync:status', {})).badge).toBe('up_to_date');

    // The team lead joins; the validator's next round takes the list naming her, so later seals are encrypted to her.
    expect(await enroll(lead, 'team_lead')).toBe(3);
    expect((await sync(lead)).trustList).toEqual({ installed: true, version: 3 });
    expect((await sync(validator)).trustList).toEqual({ installed: true, version: 3 });
  });

  it('a bundle sealed while HQ is down waits in the outbox; when HQ is back it is delivered with a receipt that verifies', async () => {
    await hq.close();
    proxy.setUpstream(null);
    sealed = await call<BundleDetail>(validator.dispatch, 'bundles:seal', { caseId, overrideReason: OVERRIDE });
    const file = path.join(validator.dataDir, 'bundles', `${sealed.summary.bundleId}.aeob`);
    const fileSha = sha256(readFileSync(file));
    expect(await outbox(validator)).toMatchObject([{ bundleId: sealed.summary.bundleId, state: 'queued', sha256: fileSha, size: sealed.summary.size }]);
    expect(count(validator, "SELECT count(*) FROM audit_log WHERE entity = 'outbox' AND entity_id = ?", sealed.summary.bundleId)).toBe(1);

    const down = await sync(validator);
    expect(down).toMatchObject({ reached: false, problem: { code: 'unreachable' } });
    expect(down.status).toMatchObject({ badge: 'offline', online: 'offline', counts: { queued: 1 } });
    expect((await outbox(validator))[0]?.state).toBe('queued');

    hq = await startHq({ dataDir: hq.dataDir });
    proxy.setUpstream(Number(new URL(hq.url).port));
    const up = await sync(validator);
    expect(up.problem).toBeNull();
    expect(up.delivered.map((e) => e.bundleId)).toEqual([sealed.summary.bundleId]);
    const [entry] = await outbox(validator);
    expect(entry).toMatchObject({ state: 'delivered', sent: sealed.summary.size, lastError: null, rejection: null });
    expect(entry?.receipt).toMatchObject({ hqKeyId: hq.hqPerson.keys.keyId, hqFingerprint: fingerprint(hq.hqPerson.keys.keyId) });

    // The kept receipt verifies on its own against HQ's public key and names exactly these bytes.
    const stored = validator.store.sqlite.prepare('SELECT receipt FROM outbox WHERE bundle_id = ?').pluck().get(sealed.summary.bundleId) as string;
    const check = verifyReceipt(JSON.parse(stored), hq.hqPerson.keys.signingPublicKey, { sha256: fileSha, bundleId: sealed.summary.bundleId });
    expect(check).toMatchObject({ ok: true, receipt: { envelopeDigest: sealed.summary.envelopeDigest, size: sealed.summary.size } });

    // HQ was asked about these bytes exactly once before the upload was created, and once after it finished.
    const requests = hqRequests(hq);
    const created = requests.findIndex((r) => r === 'POST /files/');
    expect(requests.slice(0, created).filter((r) => r === `GET /receipts/${fileSha}`)).toHaveLength(1);
    expect(requests.slice(created).filter((r) => r === `GET /receipts/${fileSha}`)).toHaveLength(1);
    expect(count(validator, "SELECT count(*) FROM audit_log WHERE entity = 'outbox' AND entity_id = ?", sealed.summary.bundleId)).toBe(2);

    // Nothing left: another round sends nothing and asks nothing about it.
    const again = await sync(validator);
    expect(again).toMatchObject({ problem: null, delivered: [], pending: [] });
    expect(again.status.badge).toBe('up_to_date');
    expect(hqRequests(hq).filter((r) => r.startsWith('POST /files'))).toHaveLength(1);
  });

  it("a team lead's round downloads and imports the bundle addressed to her, once, touching nothing of her own", async () => {
    const ownCase = (await call<{ id: string }>(lead.dispatch, 'cases:create', sampleCase({ caseNumber: 'AEO-2026-0002', notes: 'my notes' }))).id;
    const caseRow = () => lead.store.sqlite.prepare('SELECT * FROM cases WHERE id = ?').get(ownCase);
    const before = caseRow();
    const auditBefore = count(lead, "SELECT count(*) FROM audit_log WHERE entity <> 'bundle'");

    const round = await sync(lead);
    expect(round.problem).toBeNull();
    expect(round.received).toEqual([
      { sha256: expect.any(String), bundleId: sealed.summary.bundleId, caseNumber: 'AEO-2026-0001', outcome: 'imported', reason: null },
    ]);
    const imported = await call<BundleSummary[]>(lead.dispatch, 'bundles:list', { direction: 'imported' });
    expect(imported.map((b) => [b.bundleId, b.envelopeDigest])).toEqual([[sealed.summary.bundleId, sealed.summary.envelopeDigest]]);
    expect(caseRow()).toEqual(before);
    expect(count(lead, "SELECT count(*) FROM audit_log WHERE entity <> 'bundle'")).toBe(auditBefore);
    expect(count(lead, 'SELECT count(*) FROM cases')).toBe(1);

    expect((await sync(lead)).received).toEqual([]);
    // The validator's own bundle does not come back to it.
    expect((await sync(validator)).received).toEqual([]);
  });

  it("HQ's officer view is shown to a team lead, refused plainly to a validator, and says so when HQ is down", async () => {
    const view = await call<OfficerView>(lead.dispatch, 'sync:inbox', {});
    expect(view.reachable).toBe(true);
    if (view.reachable) {
      expect(view.rows).toEqual([expect.objectContaining({ bundleId: sealed.summary.bundleId, signerName: 'Dana Validator', caseNumber: 'AEO-2026-0001', verified: true })]);
    }
    expect(await call<OfficerView>(validator.dispatch, 'sync:inbox', {})).toMatchObject({ reachable: false, problem: { code: 'auth_refused' } });
    proxy.setUpstream(null);
    expect(await call<OfficerView>(lead.dispatch, 'sync:inbox', {})).toMatchObject({ reachable: false, problem: { code: 'unreachable' } });
    proxy.setUpstream(Number(new URL(hq.url).port));
  });

  it("HQ's rejection code reaches the outbox in plain words; the bundle can be sent again or removed", async () => {
    await call(validator.dispatch, 'cases:update', { id: caseId, patch: { dueOn: '2026-12-20' } });
    const second = await call<BundleDetail>(validator.dispatch, 'bundles:seal', { caseId, overrideReason: OVERRIDE });
    const file = path.join(validator.dataDir, 'bundles', `${second.summary.bundleId}.aeob`);
    const original = readFileSync(file);
    // The bytes on disk no longer match the hash the outbox declares for them: HQ must refuse them.
    const tampered = Buffer.from(original);
    tampered[tampered.length - 100]! ^= 0xff;
    chmodSync(file, 0o644);
    writeFileSync(file, tampered);

    const round = await sync(validator);
    expect(round.rejected.map((e) => e.bundleId)).toEqual([second.summary.bundleId]);
    const rejected = (await outbox(validator)).find((e) => e.bundleId === second.summary.bundleId);
    expect(rejected).toMatchObject({ state: 'rejected', rejection: { code: 'hash_mismatch' } });
    expect(rejected?.rejection?.reason).not.toBe('');
    expect(round.status.badge).toBe('needs_attention');

    // Sent again with its true bytes, it is delivered.
    writeFileSync(file, original);
    expect((await call<OutboxEntry>(validator.dispatch, 'sync:retry', { bundleId: second.summary.bundleId })).state).toBe('queued');
    const retried = await sync(validator);
    expect(retried.delivered.map((e) => e.bundleId)).toEqual([second.summary.bundleId]);
    expect(await validator.dispatch('sync:retry', { bundleId: second.summary.bundleId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // A delivered bundle keeps its receipt; removal is for what HQ refused or never got.
    expect(await validator.dispatch('sync:remove', { bundleId: second.summary.bundleId })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // A refused bundle the validator gives up on leaves the outbox (audited); the sealed bundle stays on the device.
    await call(validator.dispatch, 'cases:update', { id: caseId, patch: { dueOn: '2026-12-21' } });
    const third = await call<BundleDetail>(validator.dispatch, 'bundles:seal', { caseId, overrideReason: OVERRIDE });
    const thirdFile = path.join(validator.dataDir, 'bundles', `${third.summary.bundleId}.aeob`);
    chmodSync(thirdFile, 0o644);
    const thirdBytes = readFileSync(thirdFile);
    thirdBytes[200]! ^= 0x01;
    writeFileSync(thirdFile, thirdBytes);
    expect((await sync(validator)).rejected.map((e) => e.bundleId)).toEqual([third.summary.bundleId]);
    expect(await call(validator.dispatch, 'sync:remove', { bundleId: third.summary.bundleId })).toEqual({ removed: true });
    expect((await outbox(validator)).map((e) => e.bundleId)).not.toContain(third.summary.bundleId);
    expect((await call<BundleSummary[]>(validator.dispatch, 'bundles:list', {})).map((b) => b.bundleId)).toContain(third.summary.bundleId);
    expect(count(validator, "SELECT count(*) FROM audit_log WHERE entity = 'outbox' AND entity_id = ? AND action = 'delete'", third.summary.bundleId)).toBe(1);
    const last = await sync(validator);
    expect(last.problem).toBeNull();
    expect(last.status.badge).toBe('up_to_date');
  });
});

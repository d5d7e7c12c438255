import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTrustList } from '../../src-main/core/bundle/trust-list';
import { verifyReceipt } from '../../src-main/core/hq-protocol';
import { person, sealSample, sha256, type Person } from '../support/bundle-fixtures';
import { enrolled, getJson, login, postJson, receiptOf, startHq, tusUpload, type RunningHq } from '../support/hq-fixture';

/*
 * Twenty devices upload different bundles at once while 1,000 bad requests arrive: every good bundle is ingested
 * exactly once with a valid receipt, nothing bad is stored, /health still answers, HQ's SQLite is intact.
 */

let hq: RunningHq;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'aeo-hq-load-'));
  // Room for the 21 good logins beside 125 bad token requests in one minute; the limit itself is tested in hq-guards.
  hq = await startHq({ rateLimitPerMinute: 400 });
}, 60_000);

afterAll(async () => {
  await hq?.close();
});

/** Runs `tasks` with at most `width` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

describe('HQ under load', () => {
  it('20 parallel uploads and 1,000 bad requests: each good bundle once, nothing bad stored', async () => {
    const lead = await enrolled(hq, 'Timur Lead', 'team_lead');
    const devices: Person[] = [];
    for (let i = 0; i < 4; i++) devices.push(await enrolled(hq, `Validator ${i + 1}`, 'validator'));
    const listFile = ((await getJson<{ file: string }>(`${hq.url}/trust-list`)).body.value.file);
    const trust = verifyTrustList(Buffer.from(listFile), { anchors: [hq.server.identity.signer.keyId] });
    const outsider = await person('Eve Outsider', 'validator');
    const c = { hq: hq.hqPerson, lead, validator: devices[0] as Person, outsider };
    const sealed = [];
    for (let i = 0; i < 20; i++) sealed.push(await sealSample(work, c, trust, { signer: devices[i % devices.length] as Person, sequence: Math.floor(i / devices.length) + 1 }));

    const good = sealed.map((s, i) => async () => {
      const token = await login(hq, devices[i % devices.length] as Person);
      return tusUpload(hq, token, s.path, undefined, { chunkSize: 4096 });
    });
    const token = await login(hq, devices[0] as Person);
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    const bad: (() => Promise<number>)[] = Array.from({ length: 1000 }, (_, i) => async () => {
      const kind = i % 8;
      const tusHeaders = { 'tus-resumable': '1.0.0' };
      const send = (url: string, init: RequestInit) => fetch(url, init).then((r) => r.status);
      if (kind === 0) return send(`${hq.url}/files/`, { method: 'POST', headers: { ...tusHeaders, 'upload-length': '100' } });
      if (kind === 1) return send(`${hq.url}/files/`, { method: 'POST', headers: { ...tusHeaders, 'upload-length': '100', authorization: `Bearer ${'A'.repeat(43)}` } });
      if (kind === 2) return send(`${hq.url}/files/`, { method: 'POST', headers: { ...tusHeaders, 'upload-length': '100', authorization: `Bearer ${token}`, 'upload-metadata': `sha256 ${b64('zz')}` } });
      if (kind === 3) return send(`${hq.url}/files/`, { method: 'POST', headers: { ...tusHeaders, 'upload-length': String(2 ** 40), authorization: `Bearer ${token}`, 'upload-metadata': `sha256 ${b64('c'.repeat(64))},filename ${b64('x.aeob')}` } });
      if (kind === 4) return send(`${hq.url}/files/${'f'.repeat(32)}`, { method: 'PATCH', headers: { ...tusHeaders, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', authorization: `Bearer ${token}` }, body: new Uint8Array(64) });
      if (kind === 5) return (await postJson(`${hq.url}/enroll`, { payload: 'AAAA', payloadType: 'application/vnd.aeo.enrollment+json', signatures: [{ sig: 'AAAA' }] })).status;
      if (kind === 6) return (await postJson(`${hq.url}/auth/token`, { keyId: 'a'.repeat(64), nonce: 'n'.repeat(43), signature: 'AAAA' })).status;
      return (await getJson(`${hq.url}/inbox/${'e'.repeat(64)}`, 'not-a-token')).status;
    });

    const [outcomes, statuses] = await Promise.all([pool(good, 20), pool(bad, 25)]);
    expect(outcomes).toEqual(Array(20).fill('delivered'));
    for (const status of statuses) expect([400, 401, 403, 404, 413, 429]).toContain(status);
    expect(statuses.filter((s) => s === 413).length).toBe(125);

    const health = await getJson<{ service: string }>(`${hq.url}/health`);
    expect(health.status).toBe(200);
    expect(health.body.value.service).toBe('aeo-hq');

    const sqlite = hq.server.store.sqlite;
    const rows = sqlite.prepare('SELECT sha256, bundle_id AS bundleId FROM bundles').all() as { sha256: string; bundleId: string }[];
    expect(rows).toHaveLength(20);
    const shas = sealed.map((s) => sha256(readFileSync(s.path)));
    expect(new Set(rows.map((r) => r.sha256))).toEqual(new Set(shas));
    for (const sha of shas) {
      const receipt = await receiptOf(hq, token, sha);
      expect(receipt.value.state).toBe('delivered');
      if (receipt.value.state === 'delivered') expect(verifyReceipt(receipt.value.receipt, hq.server.identity.keys.signingPublicKey, { sha256: sha }).ok).toBe(true);
    }
    const sequences = (sqlite.prepare('SELECT hq_sequence AS n FROM bundles ORDER BY 1').all() as { n: number }[]).map((r) => r.n);
    expect(new Set(sequences).size).toBe(20);
    expect((sqlite.prepare('SELECT count(*) AS n FROM rejections').get() as { n: number }).n).toBe(0);
    expect((sqlite.prepare('SELECT count(*) AS n FROM uploads').get() as { n: number }).n).toBe(0);
    expect(readdirSync(path.join(hq.dataDir, 'uploads'))).toEqual([]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 120_000);
});

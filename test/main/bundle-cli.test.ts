import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src-main/core/app-paths';
import { openStore } from '../../src-main/db/open';
import { createAppDispatcher } from '../../src-main/handlers';
import { PASSPHRASE } from '../support/bundle-devices';
import { call, sampleCase, tempDir } from '../support/temp-store';
import { fileSource, testFiles } from '../support/local-files';
import { runAeo } from '../support/aeo-cli';

/*
 * The HQ administrator's and the validator's command line, end to end: keys, enrollment, a signed trust list,
 * sealing a case, and an HQ officer verifying, inspecting and printing the bundle without a data folder.
 */

const root = tempDir('aeo-cli-');
const dir = (name: string) => path.join(root, name);
const passFile = dir('pass.txt');
let caseId: string;
let hqKeyId: string;

const aeo = runAeo;

beforeAll(async () => {
  writeFileSync(passFile, `${PASSPHRASE}\n`);
  const p = { 'passphrase-file': passFile };
  const hqKey = await aeo('keys', ['new'], { data: dir('hq'), name: 'Aliya HQ', role: 'team_lead', ...p });
  expect(hqKey.code).toBe(0);
  hqKeyId = /key id: +([0-9a-f]{64})/.exec(hqKey.out)?.[1] ?? '';
  expect((await aeo('keys', ['new'], { data: dir('dana'), name: 'Dana Validator', ...p })).code).toBe(0);
  expect((await aeo('keys', ['export'], { data: dir('hq'), out: dir('hq.enrollment.json'), ...p })).code).toBe(0);
  expect((await aeo('keys', ['export'], { data: dir('dana'), out: dir('dana.enrollment.json'), ...p })).code).toBe(0);
  // A case with evidence on Dana's laptop (made through the handler map; there is no `aeo cases` verb).
  const store = openStore({ dataDir: dir('dana'), migrationsDir: migrationsDir() });
  try {
    const dispatch = createAppDispatcher(store, { fileTokens: testFiles, logError: () => undefined });
    caseId = (await call<{ id: string }>(dispatch, 'cases:create', sampleCase())).id;
    writeFileSync(dir('photo.jpg'), randomBytes(40_000));
    await call(dispatch, 'evidence:attach', { caseId, source: fileSource(dir('photo.jpg')) });
  } finally {
    store.close();
  }
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('aeo trust (HQ administration)', () => {
  it('new → add → revoke → sign; devices import the signed list; a lower version is refused', async () => {
    expect((await aeo('trust', ['new'], { out: dir('draft.json'), issuer: 'Customs HQ', expires: '2030-12-31' })).code).toBe(0);
    expect((await aeo('trust', ['add', dir('draft.json')], { enrollment: dir('hq.enrollment.json'), role: 'hq' })).code).toBe(0);
    expect((await aeo('trust', ['add', dir('draft.json')], { enrollment: dir('dana.enrollment.json'), role: 'validator' })).code).toBe(0);
    expect((await aeo('trust', ['revoke', dir('draft.json')], { key: 'f'.repeat(64), reason: 'stolen' })).code).toBe(0);
    const signed = await aeo('trust', ['sign', dir('draft.json')], { data: dir('hq'), out: dir('trust-v1.json'), 'passphrase-file': passFile });
    expect(signed.code).toBe(0);
    expect(signed.out).toMatch(/version 1, 2 members, 1 revoked/);
    // Version 2 from version 1, then devices take v2 and refuse v1.
    expect((await aeo('trust', ['new'], { out: dir('draft2.json'), expires: '2031-12-31', from: dir('trust-v1.json') })).code).toBe(0);
    expect((await aeo('trust', ['sign', dir('draft2.json')], { data: dir('hq'), out: dir('trust.json'), 'passphrase-file': passFile })).code).toBe(0);
    // HQ's own device pins its key; Dana's laptop is shown the HQ fingerprint, and installs once it is confirmed.
    const pinned = await aeo('trust', ['import', dir('trust.json')], { data: dir('hq'), 'hq-key': hqKeyId, 'passphrase-file': passFile });
    expect(pinned.out).toMatch(/installed: trust list version 2/);
    const asked = await aeo('trust', ['import', dir('trust.json')], { data: dir('dana'), 'passphrase-file': passFile });
    expect(asked.code).toBe(3);
    expect(asked.out).toMatch(/^NEEDS CONFIRMATION/);
    const shown = /signed by HQ key ([0-9a-f ]{79})/.exec(asked.out)?.[1];
    expect(shown?.replace(/ /g, '')).toBe(hqKeyId);
    expect((await aeo('trust', ['show'], { data: dir('dana') })).out).toMatch(/no trust list installed/);
    const confirmed = await aeo('trust', ['import', dir('trust.json')], { data: dir('dana'), confirm: shown ?? '', 'passphrase-file': passFile });
    expect(confirmed.out).toMatch(/installed: trust list version 2/);
    const older = await aeo('trust', ['import', dir('trust-v1.json')], { data: dir('dana') });
    expect(older.code).toBe(1);
    expect(older.out).toMatch(/REJECTED trust_rollback/);
    const listed = await aeo('trust', ['show'], { data: dir('dana') });
    expect(listed.out).toMatch(/version 2 from Customs HQ/);
    expect(listed.out).toMatch(/validator\s+valid/);
  });

  it('a non-HQ member cannot sign a trust list', async () => {
    const result = await aeo('trust', ['sign', dir('draft2.json')], { data: dir('dana'), out: dir('forged.json'), 'passphrase-file': passFile });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/not an HQ member/);
    expect(existsSync(dir('forged.json'))).toBe(false);
  });
});

describe('aeo seal / verify / inspect / pdf / import', () => {
  it('keys show names the key and its standing in the trust list', async () => {
    const shown = await aeo('keys', ['show'], { data: dir('dana'), 'passphrase-file': passFile });
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/this key: valid as validator/);
  });

  it('refuses to seal a case with open items, listing them, unless --override-reason is given (issue 10)', async () => {
    const refused = await aeo('seal', [], { data: dir('dana'), case: 'AEO-2026-0001', out: dir('case.aeob'), 'passphrase-file': passFile });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/^REFUSED open_items: 14 open item\(s\) before sealing:/);
    expect(refused.out).toMatch(/^ {2}criterion_unassessed {2}criterion=A$/m);
    expect(refused.out).toMatch(/^ {2}recommendation_missing$/m);
    expect(refused.out).toMatch(/--override-reason TEXT/);
    expect(existsSync(dir('case.aeob'))).toBe(false);
    expect((await aeo('bundles', [], { data: dir('dana') })).out).not.toMatch(/sealed/);
  });

  it('seals a case named by its number into --out; the override reason and the open items go into the sealed version', async () => {
    const result = await aeo('seal', [], { data: dir('dana'), case: 'AEO-2026-0001', out: dir('case.aeob'), 'passphrase-file': passFile, 'override-reason': 'demo case, sealed unfinished on purpose' });
    expect(result.code, result.out).toBe(0);
    const store = openStore({ dataDir: dir('dana'), migrationsDir: migrationsDir() });
    try {
      const sealed = store.sqlite.prepare("SELECT model FROM report_versions WHERE status = 'sealed'").pluck().all() as string[];
      expect(sealed).toHaveLength(1);
      const override = (JSON.parse(sealed[0]!) as { sealOverride: { reason: string; byName: string; openItems: unknown[] } }).sealOverride;
      expect(override).toMatchObject({ reason: 'demo case, sealed unfinished on purpose', byName: 'Dana Validator' });
      expect(override.openItems).toHaveLength(14);
      const audit = store.sqlite.prepare("SELECT after FROM audit_log WHERE field = 'sealOverride'").pluck().get() as string;
      expect(JSON.parse(audit)).toMatchObject({ reason: 'demo case, sealed unfinished on purpose' });
    } finally {
      store.close();
    }
    expect(statSync(dir('case.aeob')).size).toBeGreaterThan(40_000);
    expect(readdirSync(root).filter((n) => n.includes('.part'))).toEqual([]);
  }, 60_000);

  it('never replaces an existing --out without --force (enrollment, bundle export)', async () => {
    const p = { 'passphrase-file': passFile };
    const existing = dir('existing.enrollment.json');
    writeFileSync(existing, 'keep me');
    const refused = await aeo('keys', ['export'], { data: dir('dana'), out: existing, ...p });
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/already exists/);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect((await aeo('keys', ['export'], { data: dir('dana'), out: existing, force: true, ...p })).code).toBe(0);
    expect(readFileSync(existing, 'utf8')).toMatch(/"payloadType"/);
    const bundleId = readdirSync(dir('dana/bundles')).find((n) => n.endsWith('.aeob'))?.replace(/\.aeob$/, '') ?? '';
    const before = readFileSync(dir('case.aeob'));
    writeFileSync(dir('other.aeob'), 'keep me too');
    const again = await aeo('export', [], { data: dir('dana'), bundle: bundleId, out: dir('other.aeob') });
    expect(again.code).not.toBe(0);
    expect(readFileSync(dir('other.aeob'), 'utf8')).toBe('keep me too');
    expect((await aeo('export', [], { data: dir('dana'), bundle: bundleId, out: dir('other.aeob'), force: true })).code).toBe(0);
    expect(readFileSync(dir('other.aeob')).equals(before)).toBe(true);
  });

  it('verify exits 0 and prints signer, role, case and files', async () => {
    expect((await aeo('keys', ['export'], { data: dir('hq'), out: dir('hq.identity'), identity: true, 'passphrase-file': passFile })).code).toBe(0);
    expect(statSync(dir('hq.identity')).mode & 0o777).toBe(0o600);
    const result = await aeo('verify', [dir('case.aeob')], { trust: dir('trust.json'), identity: dir('hq.identity'), 'hq-key': hqKeyId });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^VERIFIED/);
    expect(result.out).toMatch(/signer: {3}Dana Validator {2}role validator {2}key valid/);
    expect(result.out).toMatch(/case: {5}AEO-2026-0001/);
    expect(result.out).toMatch(/files \(4, each re-hashed and matched\)/);
    // The identity file works with the age CLI as well.
    execFileSync('age', ['-d', '-i', dir('hq.identity'), '-o', dir('plain.zip'), dir('case.aeob')]);
  });

  it('verify exits non-zero with the code and reason for a tampered bundle, or a stranger', async () => {
    const bytes = readFileSync(dir('case.aeob'));
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] as number) ^ 1;
    writeFileSync(dir('tampered.aeob'), bytes);
    const result = await aeo('verify', [dir('tampered.aeob')], { trust: dir('trust.json'), identity: dir('hq.identity'), 'hq-key': hqKeyId });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^REJECTED decrypt_failed: /);
    execFileSync('sh', ['-c', `age-keygen -o ${dir('stranger.identity')} 2>/dev/null`]);
    const stranger = await aeo('verify', [dir('case.aeob')], { trust: dir('trust.json'), identity: dir('stranger.identity'), 'hq-key': hqKeyId });
    expect(stranger.out).toMatch(/^REJECTED not_recipient: /);
    const wrongAnchor = await aeo('verify', [dir('case.aeob')], { trust: dir('trust.json'), identity: dir('hq.identity'), 'hq-key': 'a'.repeat(64) });
    expect(wrongAnchor.out).toMatch(/^REJECTED trust_signature: /);
  });

  it('inspect prints the statement as JSON', async () => {
    const result = await aeo('inspect', [dir('case.aeob')], { identity: dir('hq.identity'), trust: dir('trust.json'), 'hq-key': hqKeyId });
    expect(result.code).toBe(0);
    // stderr first says what the trust rests on; the JSON follows on stdout.
    expect(result.out).toMatch(/^trust: +anchored: trust list signed by HQ key/);
    const statement = JSON.parse(result.out.slice(result.out.indexOf('{')));
    expect(statement._type).toBe('https://in-toto.io/Statement/v1');
    expect(statement.predicate.caseId).toBe(caseId);
  });

  it('pdf writes the sealed PDFs for an HQ officer', async () => {
    const result = await aeo('pdf', [dir('case.aeob')], { out: dir('pdfs'), trust: dir('trust.json'), identity: dir('hq.identity'), 'hq-key': hqKeyId });
    expect(result.code, result.out).toBe(0);
    const pdfs = readdirSync(dir('pdfs')).sort();
    expect(pdfs).toEqual(['control-plan.v1.en.pdf', 'validation-report.v1.en.pdf']);
    expect(readFileSync(path.join(dir('pdfs'), pdfs[0] as string)).subarray(0, 5).toString()).toBe('%PDF-');
    // Sealed despite open items: the report says so, with the reason and each item.
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir('pdfs'), 'validation-report.v1.en.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Sealed with open items');
    expect(text).toContain('Reason given demo case, sealed unfinished on purpose');
    expect(text).toContain('Criterion A has no conclusion.');
    expect(text).toContain('No recommendation was made.');
  });

  it('import at HQ stores it; the second time is a no-op', async () => {
    const first = await aeo('import', [dir('case.aeob')], { data: dir('hq'), 'passphrase-file': passFile });
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/^imported/);
    const again = await aeo('import', [dir('case.aeob')], { data: dir('hq'), 'passphrase-file': passFile });
    expect(again.out).toMatch(/already imported/);
    const listed = await aeo('bundles', [], { data: dir('hq') });
    expect(listed.out).toMatch(/imported\s+AEO-2026-0001/);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberFromEnrollment, parseEnrollment } from '../../src-main/core/bundle/trust-list';
import { person, signedTrust, trustBody, type Person } from '../support/bundle-fixtures';
import { createDemoCase, startHarness, type Harness } from './support/preview';

/**
 * Keys, trust list and sealed bundles in real Chromium against the preview server (private keys wrapped with
 * AEO_PASSPHRASE there): create keys and export the enrollment file, import HQ's trust list made from it (a lower
 * version is refused), seal the demo case from its report panel with progress to the end, open the sealed bundle's
 * verification report, and see a non-bundle and a bundle with a flipped byte refused with a code, adding nothing.
 */
const TIMEOUT = 180_000;
const VALIDITY = { validFrom: '2020-01-01T00:00:00.000Z', validUntil: '2099-01-01T00:00:00.000Z' };

let h: Harness;
let page: Page;
let caseId = '';
let caseNumber = '';
let hq: Person;
let enrollment: Buffer;
let work: string;
const previousPassphrase = process.env.AEO_PASSPHRASE;

type BundleSummary = { bundleId: string; caseNumber: string; fileCount: number };

beforeAll(async () => {
  process.env.AEO_PASSPHRASE = 'renderer sync test passphrase';
  h = await startHarness({ prefix: 'aeo-sync-', viewport: { width: 1366, height: 900 } });
  page = h.page;
  work = mkdtempSync(path.join(os.tmpdir(), 'aeo-sync-files-'));
  // The demo case (and its validator, the current user), made by the CLI through the same handlers.
  caseId = createDemoCase(h.dataDir);
  caseNumber = (await h.api<{ caseNumber: string }>('cases:get', { id: caseId })).caseNumber;
  hq = await person('Aliya Customs HQ', 'hq');
}, TIMEOUT);

afterAll(async () => {
  if (previousPassphrase === undefined) delete process.env.AEO_PASSPHRASE;
  else process.env.AEO_PASSPHRASE = previousPassphrase;
  await h?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const bundles = () => h.api<BundleSummary[]>('bundles:list', {});

/** The demo case's seal dialog, opened from its report panel, once its pre-seal check is shown. */
async function openSealDialog() {
  await page.goto(`${h.baseUrl}/#/cases/${caseId}`);
  await page.getByTestId('step-reporting').click();
  await page.getByTestId('seal-report').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('preseal-check').waitFor();
  return dialog;
}

describe('sync: keys, trust list and sealed bundles', () => {
  it('creates keys, shows the fingerprint and exports the enrollment file', async () => {
    await page.goto(`${h.baseUrl}/#/sync`);
    await page.getByTestId('nav-sync').waitFor();
    expect(await page.getByTestId('nav-sync').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('create-keys').click();
    const fingerprint = page.getByTestId('key-fingerprint');
    await fingerprint.waitFor();
    const status = await h.api<{ key: { keyId: string; fingerprint: string; ageRecipient: string } }>('keys:status', {});
    const shown = (await fingerprint.innerText()).replace(/\s+/g, ' ').trim();
    expect(shown).toBe(status.key.fingerprint);
    expect(shown).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(await page.getByTestId('trust-missing').isVisible()).toBe(true);

    // The preview has no save dialog behind the page: the enrollment file is a download from the server, named by
    // its Content-Disposition, and the page never says where it goes.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-enrollment').click()]);
    expect(new URL(download.url()).pathname).toBe('/api/download/enrollment');
    expect(download.suggestedFilename()).toMatch(/\.enrollment\.json$/);
    enrollment = readFileSync(await download.path());
    const envelope = JSON.parse(enrollment.toString('utf8')) as { payload: string; payloadType: string; signatures: unknown[] };
    expect(envelope.signatures.length).toBe(1);
    const body = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Record<string, string>;
    expect(body.keyId).toBe(status.key.keyId);
    expect(body.ageRecipient).toBe(status.key.ageRecipient);
    expect(body.signingKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // HQ's tooling accepts it as a self-signed enrollment.
    expect(parseEnrollment(enrollment).keyId).toBe(status.key.keyId);
    await page.getByTestId('enrollment-exported').waitFor();
    await h.shot('sync-keys');
  }, TIMEOUT);

  it('imports the trust list HQ made from the enrollment, and refuses a lower version', async () => {
    const me = memberFromEnrollment(parseEnrollment(enrollment), 'validator', VALIDITY);
    const v2 = path.join(work, 'trust-v2.json');
    writeFileSync(v2, signedTrust(trustBody([hq.member, me], { version: 2 }), hq));
    await page.getByTestId('trust-file-input').setInputFiles(v2);
    // The first list asks the user to compare HQ's fingerprint; cancelling installs nothing.
    const confirm = page.getByTestId('trust-confirm');
    await confirm.waitFor();
    const hqFingerprint = hq.keys.keyId.match(/.{4}/g)?.join(' ');
    expect((await page.getByTestId('trust-confirm-fingerprint').innerText()).trim()).toBe(hqFingerprint);
    await page.getByTestId('trust-confirm-cancel').click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await h.api<{ installed: unknown }>('trust:status', {})).installed).toBeNull();
    await page.getByTestId('trust-file-input').setInputFiles(v2);
    await confirm.waitFor();
    await h.shot('sync-trust-confirm');
    await page.getByTestId('trust-confirm-install').click();
    await page.getByTestId('trust-imported').waitFor();
    expect(await page.getByTestId('trust-version').innerText()).toBe('2');
    expect(await page.getByTestId('trust-members').innerText()).toBe('2');
    // The key's own status follows the list: a valid validator now.
    await page.locator('[data-testid="sync-keys"] [data-testid="key-status"][data-status="valid"]').waitFor();

    const v1 = path.join(work, 'trust-v1.json');
    writeFileSync(v1, signedTrust(trustBody([hq.member, me], { version: 1 }), hq));
    await page.getByTestId('trust-file-input').setInputFiles(v1);
    const rejection = page.locator('[data-testid="sync-trust"] [data-testid="rejection"]');
    await rejection.waitFor();
    expect(await rejection.getAttribute('data-code')).toBe('trust_rollback');
    expect((await rejection.getByTestId('rejection-reason').innerText()).length).toBeGreaterThan(5);
    expect(await page.getByTestId('trust-version').innerText()).toBe('2');
  }, TIMEOUT);

  it('the pre-seal check lists the open items, each a link to where it is fixed (issue 10)', async () => {
    const dialog = await openSealDialog();
    const check = dialog.getByTestId('preseal-check');
    const codes = await check.locator('li[data-code]').evaluateAll((items) => items.map((i) => i.getAttribute('data-code')));
    expect(codes).toContain('criterion_unassessed');
    expect(codes).toContain('run_unfinished');
    expect(await dialog.getByTestId('seal-confirm').isDisabled()).toBe(true);
    await h.shot('seal-preseal-check', { fullPage: false });
    // "Criterion A has no conclusion" closes the dialog and brings criterion A into view with focus inside it.
    await check.getByTestId('open-item-link').filter({ hasText: 'Criterion A has no conclusion' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('[data-testid="criterion-row"][data-criterion="A"][data-gate-highlight]');
    await row.waitFor();
    expect(await row.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }, TIMEOUT);

  it('seals the demo case from its report panel with progress to the end, with the override reason it needs', async () => {
    const dialog = await openSealDialog();
    expect(await dialog.innerText()).toMatch(/immutable|never be changed/i);
    await h.shot('seal-dialog', { fullPage: false });
    // Open items: sealing needs "Seal anyway" and a reason.
    await dialog.getByTestId('seal-override').check();
    expect(await dialog.getByTestId('seal-confirm').isDisabled()).toBe(true);
    await dialog.getByTestId('seal-override-reason').fill('Demo case sealed for HQ review before the follow-up visit');
    expect(await dialog.getByTestId('seal-confirm').isDisabled()).toBe(false);
    await dialog.getByTestId('seal-confirm').click();
    await dialog.getByTestId('seal-progress').waitFor();
    await dialog.getByTestId('seal-result').waitFor({ timeout: 120_000 });
    expect(await dialog.getByTestId('seal-progress').getAttribute('data-percent')).toBe('100');
    const list = await bundles();
    expect(list.length).toBe(1);
    expect(await dialog.getByTestId('sealed-bundle-id').innerText()).toBe(list[0]?.bundleId.replace(/-/g, '').slice(-8));
    expect(await dialog.getByTestId('sealed-files').innerText()).toBe(String(list[0]?.fileCount));
    await h.shot('seal-result', { fullPage: false });
    // "Report sealed" offers the bundle for a USB stick: in the preview a download named by case number and version.
    const saveToUsb = dialog.getByRole('button', { name: 'Save to USB…' });
    const [download] = await Promise.all([page.waitForEvent('download'), saveToUsb.click()]);
    expect(download.suggestedFilename()).toBe(`${caseNumber}_v1.aeob`);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    // The sealed version carries the reason and the open items; the report prints them.
    const [latest] = await h.api<{ id: string; status: string }[]>('reports:listVersions', { caseId });
    expect(latest?.status).toBe('sealed');
    const version = await h.api<{ model: { sealOverride?: { reason: string; openItems: unknown[] } } }>('reports:getVersion', { id: latest?.id });
    expect(version.model.sealOverride?.reason).toBe('Demo case sealed for HQ review before the follow-up visit');
    expect(version.model.sealOverride?.openItems.length).toBeGreaterThan(0);
  }, TIMEOUT);

  it('lists the sealed bundle and opens its verification report', async () => {
    await page.goto(`${h.baseUrl}/#/sync`);
    const row = page.getByTestId('bundle-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().innerText()).toContain(caseNumber);
    await h.shot('sync-bundles');
    await row.first().click();
    const report = page.getByTestId('verification-report');
    await report.getByTestId('report-files').waitFor();
    expect(await report.getByTestId('report-signer').innerText()).toBe('Aigerim Sadykova');
    expect(await report.getByTestId('report-role').innerText()).toBe('Validator');
    expect(await report.getByTestId('key-status').getAttribute('data-status')).toBe('valid');
    expect(await report.getByTestId('report-case').innerText()).toBe(caseNumber);
    const detail = await h.api<{ report: { files: { role: string }[] } }>('bundles:get', { bundleId: (await bundles())[0]?.bundleId });
    expect(await report.getByTestId('report-file').count()).toBe(detail.report.files.length);
    expect(detail.report.files.map((f) => f.role)).toEqual(
      expect.arrayContaining(['report', 'validation-report-pdf', 'control-plan-pdf', 'evidence']),
    );
    await report.scrollIntoViewIfNeeded();
    await h.shot('verification-report');
  }, TIMEOUT);

  it('exports the sealed bundle as a browser download, byte for byte the sealed file', async () => {
    const [sealed] = await bundles();
    const report = page.getByTestId('verification-report');
    const [download] = await Promise.all([page.waitForEvent('download'), report.getByTestId('export-bundle').click()]);
    expect(new URL(download.url()).pathname).toBe(`/api/download/bundles/${sealed?.bundleId}.aeob`);
    expect(download.suggestedFilename()).toBe(`${caseNumber}_v1.aeob`);
    const bytes = readFileSync(await download.path());
    expect(bytes.equals(readFileSync(path.join(h.dataDir, 'bundles', `${sealed?.bundleId}.aeob`)))).toBe(true);
  }, TIMEOUT);

  it('refuses a file that is not a bundle and a bundle with a flipped byte, adding nothing', async () => {
    const before = await bundles();
    const junk = path.join(work, 'notes.aeob');
    writeFileSync(junk, 'this is not a bundle\n');
    await page.getByTestId('bundle-file-input').setInputFiles(junk);
    const rejection = page.locator('[data-testid="sync-bundles"] [data-testid="rejection"]');
    await rejection.waitFor();
    expect(await rejection.getAttribute('data-code')).toBe('not_age');
    expect((await rejection.getByTestId('rejection-reason').innerText()).length).toBeGreaterThan(5);

    const sealed = readFileSync(path.join(h.dataDir, 'bundles', `${before[0]?.bundleId}.aeob`));
    const flipped = Buffer.from(sealed);
    const at = Math.floor(flipped.length / 2);
    flipped[at] = (flipped[at] ?? 0) ^ 0x01;
    const tampered = path.join(work, 'tampered.aeob');
    writeFileSync(tampered, flipped);
    await page.getByTestId('bundle-file-input').setInputFiles(tampered);
    await page.waitForFunction(
      () => {
        const code = document.querySelector('[data-testid="sync-bundles"] [data-testid="rejection"]')?.getAttribute('data-code');
        return typeof code === 'string' && code !== 'not_age';
      },
      undefined,
      { timeout: 60_000 },
    );
    const code = await rejection.getAttribute('data-code');
    expect(code).toMatch(/^(decrypt_failed|zip_|blob_|envelope_|signature_)/);
    expect((await bundles()).length).toBe(before.length);
    expect(await page.getByTestId('bundle-row').count()).toBe(before.length);
    await h.shot('sync-rejection');
  }, TIMEOUT);

  it('reads in Russian', async () => {
    await page.evaluate(() => window.localStorage.setItem('aeo.language', 'ru'));
    await page.goto(`${h.baseUrl}/#/sync`);
    await page.reload();
    await page.getByTestId('bundle-row').first().click();
    await page.getByTestId('report-files').waitFor();
    // Field labels are set in capitals by CSS, which innerText reflects.
    const text = (await page.locator('main').innerText()).toLowerCase();
    expect(text).toContain('ключи');
    expect(text).toContain('отпечаток ключа');
    expect(text).toContain('список доверенных ключей');
    expect(text).toContain('пакеты');
    expect(text).toContain('подписант');
    expect(text).toContain('статус ключа');
    await h.shot('sync-ru');
    await page.evaluate(() => window.localStorage.setItem('aeo.language', 'en'));
  }, TIMEOUT);
});

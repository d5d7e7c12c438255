import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src-main/core/keys';
import { startCutProxy, type CutProxy } from '../support/cut-proxy';
import { startHq, type RunningHq } from '../support/hq-fixture';
import { root, startHarness, type Harness } from './support/preview';

/**
 * Sync with a real HQ in real Chromium against the preview server: the validator sets HQ's address, sends the
 * enrollment after comparing HQ's fingerprint in the dialog, HQ approves, "Sync now" brings the new trust list; a
 * bundle sealed while HQ is down shows as queued with the badge offline, and once HQ is back "Sync now" delivers
 * it and the outbox shows HQ's receipt (HQ key fingerprint, received time). Screenshots in both languages.
 */
const TIMEOUT = 240_000;
const previousPassphrase = process.env.AEO_PASSPHRASE;

/** The fixture case is unfinished on purpose; sealing it takes the pre-seal override. */
const OVERRIDE = 'Test fixture: an unfinished case is sealed on purpose.';
let h: Harness;
let page: Page;
let hq: RunningHq;
let proxy: CutProxy;
let caseId = '';
let hqPort = 0;

beforeAll(async () => {
  process.env.AEO_PASSPHRASE = 'renderer hq sync passphrase';
  hq = await startHq();
  hqPort = Number(new URL(hq.url).port);
  proxy = await startCutProxy(hqPort);
  h = await startHarness({ prefix: 'aeo-hq-sync-', viewport: { width: 1440, height: 900 } });
  page = h.page;
  caseId = execFileSync(process.execPath, ['--import', 'tsx', 'src-main/cli/aeo.ts', 'demo', '--data', h.dataDir, '--in-progress'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
  await h.api('keys:create', {});
}, TIMEOUT);

afterAll(async () => {
  if (previousPassphrase === undefined) delete process.env.AEO_PASSPHRASE;
  else process.env.AEO_PASSPHRASE = previousPassphrase;
  await h?.close();
  await proxy?.close();
  await hq?.close();
});

const badge = () => page.getByTestId('sync-badge');
const row = () => page.getByTestId('outbox-row');

describe('sync with HQ in the browser', () => {
  it('sets the HQ address, enrolls after comparing the fingerprint, and takes the trust list once approved', async () => {
    await page.goto(`${h.baseUrl}/#/sync`);
    await page.getByTestId('hq-address').fill(proxy.url);
    await page.getByTestId('hq-save').click();
    await page.getByTestId('hq-enroll').click();
    const shown = page.getByTestId('hq-confirm-fingerprint');
    await shown.waitFor();
    expect((await shown.innerText()).replace(/\s+/g, ' ').trim()).toBe(fingerprint(hq.hqPerson.keys.keyId));
    await page.getByTestId('hq-confirm-send').click();
    await page.getByTestId('hq-enrolled').waitFor();
    expect((await page.getByTestId('hq-pinned').innerText()).replace(/\s+/g, ' ').trim()).toBe(fingerprint(hq.hqPerson.keys.keyId));

    const keyId = (await h.api<{ key: { keyId: string } }>('keys:status')).key.keyId;
    hq.approve(keyId, 'validator');
    await page.getByTestId('sync-now').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-badge"]')?.getAttribute('data-state') === 'up_to_date');
    expect((await h.api<{ trust: { status: string; trustListVersion: number } }>('keys:status')).trust).toMatchObject({ status: 'valid', trustListVersion: 2 });
    await page.getByTestId('hq-last-success').waitFor();
    expect(await page.getByTestId('hq-last-success').innerText()).toMatch(/Last successful sync/);
  }, TIMEOUT);

  it('a bundle sealed while HQ is down is queued and the badge says offline', async () => {
    proxy.setUpstream(null);
    await h.api('bundles:seal', { caseId, overrideReason: OVERRIDE });
    await page.getByTestId('sync-now').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-badge"]')?.getAttribute('data-state') === 'offline');
    expect(await row().getAttribute('data-state')).toBe('queued');
    expect(await page.getByTestId('sync-problem').getAttribute('data-code')).toBe('unreachable');
    expect(await page.getByTestId('hq-online').getAttribute('data-online')).toBe('offline');
    await h.shot('sync-hq-offline');
  }, TIMEOUT);

  it('when HQ is back, Sync now delivers it and the outbox shows the receipt', async () => {
    proxy.setUpstream(hqPort);
    await page.getByTestId('sync-now').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="outbox-row"]')?.getAttribute('data-state') === 'delivered');
    const receiptKey = (await page.getByTestId('outbox-receipt-key').innerText()).replace(/\s+/g, ' ').trim();
    expect(receiptKey).toBe(fingerprint(hq.hqPerson.keys.keyId));
    const [entry] = await h.api<{ receipt: { receivedAt: string }; size: number }[]>('sync:outbox');
    expect(await page.getByTestId('outbox-receipt').innerText()).toMatch(/Received/);
    expect(entry?.receipt.receivedAt).toMatch(/^\d{4}-/);
    expect(await page.getByTestId('outbox-bytes').innerText()).toMatch(/of/);
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-badge"]')?.getAttribute('data-state') === 'up_to_date');
    expect(await badge().innerText()).toBe('Up to date');
    await h.shot('sync-hq-delivered');
    await page.setViewportSize({ width: 1024, height: 700 });
    await h.shot('sync-hq-delivered-1024');
    const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(scrolls).toBe(false);

    await page.getByTestId('language-ru').click().catch(() => undefined);
    await page.evaluate(() => window.localStorage.setItem('aeo.language', 'ru'));
    await page.reload();
    await row().waitFor();
    expect(await badge().innerText()).toBe('Всё отправлено');
    expect(await page.getByTestId('outbox-state').innerText()).toBe('Доставлен');
    await h.shot('sync-hq-delivered-ru-1024');
    await page.setViewportSize({ width: 1440, height: 900 });
    await h.shot('sync-hq-delivered-ru');
  }, TIMEOUT);
});

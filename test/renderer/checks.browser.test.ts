import { readdirSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedCase } from './support/demo-case';
import { screenshots, startHarness, type Harness } from './support/preview';

/**
 * Issue 10, "validation a validator expects", in real Chromium against the preview server: a container number with
 * the wrong check digit and a seal number outside the template's format are named as such, a residual risk above
 * the inherent one asks for its reason, a text file named .jpg is kept as the document it is, and a photo whose
 * stored file was changed is marked on its thumbnail. Each in English and Russian.
 */
const TIMEOUT = 120_000;

let h: Harness;
let page: Page;
let caseId = '';
let runId = '';

/** The remembered language, applied by loading the page afresh. */
const setLanguage = async (language: 'en' | 'ru') => {
  if (!page.url().startsWith(h.baseUrl)) await page.goto(`${h.baseUrl}/#/cases`);
  await page.evaluate((l) => window.localStorage.setItem('aeo.language', l), language);
  await page.reload();
};
const waitCurrent = (itemId: string) =>
  page.waitForFunction(
    (id) => document.querySelector('[data-testid="run-item"][data-current]')?.getAttribute('data-item-id') === id,
    itemId,
  );
const openItem = async (itemId: string) => {
  await page.locator(`[data-testid="run-item"][data-item-id="${itemId}"]`).click();
  await waitCurrent(itemId);
  return page.locator(`[data-testid="item-detail"][data-item-id="${itemId}"]`);
};
/** The run's page in `language`, at the item: where the answer and evidence checks start. Answers its detail. */
const openRunItem = async (language: 'en' | 'ru', itemId: string) => {
  await setLanguage(language);
  await page.goto(`${h.baseUrl}/#/runs/${runId}`);
  await page.getByTestId('run-items').waitFor();
  return openItem(itemId);
};
async function rate(scope: Locator, label: string, value: string) {
  await scope.getByRole('radiogroup', { name: label, exact: true }).getByText(value, { exact: true }).click();
}
const photo = () =>
  sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 40, g: 90, b: 160 } } }).jpeg().toBuffer();

const previousPassphrase = process.env.AEO_PASSPHRASE;
beforeAll(async () => {
  // The preview starts without a passphrase, as a new user's would: its private keys cannot be protected.
  delete process.env.AEO_PASSPHRASE;
  h = await startHarness({ prefix: 'aeo-checks-', viewport: { width: 1440, height: 900 } });
  page = h.page;
  page.on('dialog', (dialog) => void dialog.accept());
  caseId = await createLedCase(h, { name: 'Aigerim Validator', role: 'team_lead' }, { caseNumber: 'AEO-2025-061', openedOn: '2025-03-03' });
  runId = (
    await h.api<{ id: string }>('runs:create', {
      caseId,
      siteId: null,
      templateId: 'ctpat-container-7pt',
      metadata: { container_number: 'CSQU 305438 3' },
    })
  ).id;
}, 180_000);

afterAll(async () => {
  await h?.close();
  if (previousPassphrase !== undefined) process.env.AEO_PASSPHRASE = previousPassphrase;
});

describe('values checked as a validator expects, named in plain words', () => {
  it.each([
    ['en', 'Does not match the format this checklist expects (e.g. CN1234567)'],
    ['ru', 'Не соответствует формату, который задаёт этот контрольный перечень (например, CN1234567)'],
  ] as const)('a seal number outside the declared format is named at the field and not saved (%s)', async (language, message) => {
    const detail = await openRunItem(language, 'seal-number');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'answer-field');
    await page.keyboard.type('see the papers');
    await page.keyboard.press('Enter');
    await expect(detail.getByText(message).count()).resolves.toBe(1);
    const answers = (await h.api<{ answers: { itemId: string; value: unknown }[] }>('runs:get', { id: runId })).answers;
    expect(answers.find((a) => a.itemId === 'seal-number')?.value ?? null).toBeNull();
    await h.shot(`checks-seal-format-${language}`, { fullPage: false });
    await detail.getByTestId('answer-field').fill('KZ 0451187');
    await detail.getByTestId('answer-field').press('Enter');
    await expect
      .poll(async () => (await h.api<{ answers: { itemId: string; value: unknown }[] }>('runs:get', { id: runId })).answers.find((a) => a.itemId === 'seal-number')?.value)
      .toBe('KZ 0451187');
    await h.api('runs:answer', { runId, itemId: 'seal-number', value: null });
  }, TIMEOUT);

  it('a container number with a wrong check digit is refused in the new-run dialog with the digit it should be', async () => {
    await setLanguage('en');
    await page.goto(`${h.baseUrl}/#/cases/${caseId}`);
    await page.getByTestId('step-conduct_validation').click().catch(async (e: unknown) => {
      throw new Error(`${String(e)}\n${page.url()}\n${await page.locator('body').innerText()}`);
    });
    await page.getByTestId('case-runs').waitFor();
    await page.getByRole('button', { name: 'New run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start a checklist run' });
    await dialog.getByRole('combobox', { name: 'Checklist' }).fill('seven');
    await page.getByRole('option', { name: 'CTPAT seven-point container inspection' }).click();
    await dialog.getByTestId('meta-container_number').fill('MSCU 123456-7');
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await dialog.getByText('Check digit should be 6, not 7: check the number on the container').waitFor();
    await h.shot('checks-container-check-digit', { fullPage: false });
    const runs = await h.api<unknown[]>('runs:list', { caseId });
    expect(runs).toHaveLength(1);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }, TIMEOUT);

  it('a residual rating above the inherent one asks for its reason, which is saved', async () => {
    const risk = await h.api<{ id: string; title: string }>('risks:create', { caseId, title: 'Seal stock in an open drawer', likelihood: 2, consequence: 2 });
    await page.goto(`${h.baseUrl}/#/cases/${caseId}`);
    await page.getByTestId('step-residual_risk').click();
    const row = page.getByTestId('risk-row').filter({ hasText: risk.title });
    await row.getByRole('button', { name: `Edit risk “${risk.title}”` }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit risk' });
    await dialog.waitFor();
    await expect(dialog.getByTestId('residual-reason').count()).resolves.toBe(0);
    await rate(dialog, 'Residual likelihood', '3');
    await rate(dialog, 'Residual consequence', '2');
    await dialog.getByTestId('residual-reason').waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('The residual risk is rated above the inherent risk: give the reason').waitFor();
    await dialog.getByTestId('residual-reason').fill('The new gate contractor has no vetting yet');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const saved = await h.api<{ residualReason: string }>('risks:get', { id: risk.id });
    expect(saved.residualReason).toBe('The new gate contractor has no vetting yet');
  }, TIMEOUT);
});

describe('evidence judged by its bytes', () => {
  it('a text file named photo.jpg is kept as the text document it is, and the page says so', async () => {
    const detail = await openRunItem('en', 'front-wall');
    await detail.getByTestId('attach-input').setInputFiles({
      name: 'photo.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('not really a photo, just a note typed on a phone\n'),
    });
    await detail.getByTestId('attach-not-photo').getByText('“photo.jpg” is not a picture (its contents are text/plain)').waitFor();
    const listed = await h.api<{ originalName: string; kind: string; mediaType: string }[]>('evidence:list', { caseId });
    expect(listed).toContainEqual(expect.objectContaining({ originalName: 'photo.jpg', kind: 'document', mediaType: 'text/plain' }));
  }, TIMEOUT);

  it.each([
    ['en', 'Altered'],
    ['ru', 'Изменён'],
  ] as const)('a photo whose stored file no longer matches its hash is marked on its thumbnail (%s)', async (language, mark) => {
    const detail = await openRunItem(language, 'left-side');
    const gallery = detail.getByTestId('item-gallery');
    const attached = await h.api<unknown[]>('evidence:list', { caseId, runId, itemId: 'left-side' });
    if (attached.length === 0) {
      await detail.getByTestId('attach-input').setInputFiles({ name: 'left-side.jpg', mimeType: 'image/jpeg', buffer: await photo() });
      await gallery.getByTestId('evidence-thumb').waitFor();
      expect(await gallery.getByTestId('integrity-mark').count()).toBe(0);
      // Someone changes the stored file behind the app's back: one byte, same size.
      const [evidence] = await h.api<{ sha256: string; originalName: string }[]>('evidence:list', { caseId, runId, itemId: 'left-side' });
      const dir = path.join(h.dataDir, 'blobs', 'sha256', evidence!.sha256.slice(0, 2));
      const file = path.join(dir, readdirSync(dir).find((name) => name.startsWith(evidence!.sha256))!);
      const bytes = readFileSync(file);
      bytes[bytes.length - 4] = bytes[bytes.length - 4]! ^ 0xff;
      chmodSync(file, 0o644);
      writeFileSync(file, bytes);
      await page.reload();
      await page.getByTestId('run-items').waitFor();
      await openItem('left-side');
    }
    const badge = gallery.getByTestId('integrity-mark');
    await badge.waitFor();
    await expect(badge.textContent()).resolves.toBe(mark);
    // The thumbnail itself is still shown (it came from the cache), so the mark is what tells.
    await gallery.getByTestId('evidence-thumb').waitFor();
    await h.shot(`checks-altered-thumbnail-${language}`, { fullPage: false });
  }, TIMEOUT);
});

/** What a screen must never show: an environment variable, a channel name, a raw error or refusal code. */
const TECHNICAL = /AEO_[A-Z]|\b(?:keys|trust|bundles|audit|runs|cases):[a-z][A-Za-z]+\b|\b(?:trust_invalid|not_found|invalid_input|unavailable|forbidden)\b/;

describe('errors in plain words', () => {
  it.each([
    ['en', 'This file is not a trust list, or it is damaged.', 'this session was started without one'],
    ['ru', 'Этот файл — не список доверия, или он повреждён.', 'этот сеанс запущен без него'],
  ] as const)('the Sync page without a passphrase and with a bad trust list names no variable, channel or code (%s)', async (language, refused, protection) => {
    await setLanguage(language);
    await page.goto(`${h.baseUrl}/#/sync`);
    await page.getByTestId('protection-reason').getByText(protection, { exact: false }).waitFor();
    await page.getByTestId('trust-file-input').setInputFiles({ name: 'trust.json', mimeType: 'application/json', buffer: Buffer.from('{"not": "a trust list"}') });
    const rejection = page.locator('[data-testid="sync-trust"] [data-testid="rejection"]');
    await rejection.waitFor();
    expect(await rejection.getAttribute('data-code')).toBe('trust_invalid');
    expect(await rejection.getByTestId('rejection-reason').innerText()).toBe(refused);
    await h.shot(`checks-sync-plain-words-${language}`, { fullPage: false });
    expect(await page.locator('body').innerText()).not.toMatch(TECHNICAL);
  }, TIMEOUT);

  it('a preview page opened without its token says how to open it, in words', async () => {
    const context = await page.context().browser()!.newContext({ locale: 'en-US' });
    try {
      const bare = await context.newPage();
      await bare.goto(`${h.baseUrl}/`);
      await bare.getByText('This page was opened without its access key.', { exact: false }).waitFor();
      expect(await bare.locator('body').innerText()).not.toMatch(TECHNICAL);
      await bare.screenshot({ path: path.join(screenshots, 'checks-no-token.png') });
    } finally {
      await context.close();
    }
  }, TIMEOUT);
});

describe('the case audit trail', () => {
  it.each(['en', 'ru'] as const)('shows every change of the case, filters by kind, pages, and prints the whole filtered trail (%s)', async (language) => {
    await setLanguage(language);
    // Changes of records other than the case itself (the trail used to show only the case's own rows).
    await h.api('runs:answer', { runId, itemId: 'front-wall', value: language === 'en' ? 'compliant' : 'non_compliant' });
    const all = await h.api<{ total: number; kinds: string[] }>('audit:case', { caseId, limit: 1 });
    expect(all.kinds).toEqual(expect.arrayContaining(['answer', 'case', 'run']));
    await page.goto(`${h.baseUrl}/#/cases/${caseId}`);
    const trail = page.getByTestId('audit-trail');
    await trail.getByTestId('audit-row').first().waitFor();
    await expect(trail.getByTestId('audit-range').innerText()).resolves.toMatch(new RegExp(`^1–${Math.min(25, all.total)} .* ${all.total}$`));
    expect(await trail.getByTestId('audit-row').count()).toBe(Math.min(25, all.total));

    // One kind only: answers.
    await trail.getByTestId('audit-filter-kind').click();
    await page.getByRole('option', { name: language === 'en' ? 'Answer' : 'Ответ', exact: true }).click();
    await page.keyboard.press('Escape');
    const answers = await h.api<{ total: number }>('audit:case', { caseId, entities: ['answer'], limit: 1 });
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="audit-trail"] [data-testid="audit-row"][data-entity="answer"]').length === n,
      Math.min(25, answers.total),
    );
    expect(await trail.locator('[data-testid="audit-row"]:not([data-entity="answer"])').count()).toBe(0);
    await trail.scrollIntoViewIfNeeded();
    await h.shot(`checks-audit-trail-${language}`, { fullPage: false });

    // Print: the whole filtered trail is on the page when the print dialog opens, and gone after.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = -1;
      window.print = () => {
        (window as unknown as { printed: number }).printed = document.querySelectorAll('[data-testid="audit-print-view"] [data-testid="audit-row"]').length;
      };
    });
    await trail.getByTestId('audit-print').click();
    await page.waitForFunction(() => (window as unknown as { printed: number }).printed >= 0);
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(answers.total);
    expect(await page.getByTestId('audit-print-view').count()).toBe(0);
  }, TIMEOUT);

  it('fits 1024×700 without sideways scrolling', async () => {
    await setLanguage('ru');
    await page.setViewportSize({ width: 1024, height: 700 });
    try {
      await page.goto(`${h.baseUrl}/#/cases/${caseId}`);
      await page.getByTestId('audit-trail').getByTestId('audit-row').first().waitFor();
      await page.getByTestId('audit-trail').scrollIntoViewIfNeeded();
      await h.shot('checks-audit-trail-1024-ru', { fullPage: false });
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }, TIMEOUT);
});

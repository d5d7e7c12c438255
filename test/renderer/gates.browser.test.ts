import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedCase } from './support/demo-case';
import { startHarness, type Harness } from './support/preview';

/**
 * Issue 10's completion gates in real Chromium against the preview: "Finish" lists what is missing (each a link
 * to its item) and signs off with a signature drawn on screen, after which the run is read-only until reopened
 * with a reason; skipping a step or marking it done with unfinished runs asks for a reason; the plan is read-only
 * once planning is done. Screenshots in English and Russian at 1440×900 and 1024×700.
 */
const TIMEOUT = 120_000;

let h: Harness;
let page: Page;
let caseId = '';
let runId = '';

const text = (en: string, ru: string) => ({ en, ru });
/** Two compliance points (a deviation needs a note), one required run detail: small enough to finish by hand. */
const template = {
  id: 'gate-check',
  version: 1,
  title: text('Gate check', 'Проверка ворот'),
  source: 'browser test fixture',
  languages: ['en', 'ru'],
  step: 6,
  runMetadata: [{ id: 'gate_number', label: text('Gate number', 'Номер ворот'), type: 'text', required: true }],
  sections: [
    {
      id: 'gate',
      title: text('Gate', 'Ворота'),
      items: [
        { id: 'gate-lock', prompt: text('Gate lock works', 'Замок ворот исправен'), answerType: 'compliance', onDeviation: { note: true } },
        { id: 'gate-log', prompt: text('Gate log kept', 'Журнал ворот ведётся'), answerType: 'compliance', onDeviation: { note: true } },
      ],
    },
  ],
};

type RunDetail = { run: { finished: { byName: string; signatureSha256: string | null } | null } };
type CaseDetail = { steps: { step: string; status: string; reason: string }[] };
const stepOf = async (step: string) => (await h.api<CaseDetail>('cases:get', { id: caseId })).steps.find((s) => s.step === step)!;
const waitCurrent = (itemId: string) =>
  page.waitForFunction((id) => document.querySelector('[data-testid="run-item"][data-current]')?.getAttribute('data-item-id') === id, itemId);
const setLanguage = (lang: 'en' | 'ru') => page.evaluate((l) => window.localStorage.setItem('aeo.language', l), lang);

beforeAll(async () => {
  h = await startHarness({ prefix: 'aeo-gates-', viewport: { width: 1440, height: 900 } });
  page = h.page;
  caseId = await createLedCase(h, { name: 'Dana Validator', role: 'validator' }, { caseNumber: 'AEO-2026-017', openedOn: '2026-11-02' });
  await h.api('templates:import', { content: JSON.stringify(template) });
  runId = (await h.api<{ id: string }>('runs:create', { caseId, siteId: null, templateId: 'gate-check' })).id;
}, TIMEOUT);

afterAll(async () => {
  await h?.close();
});

async function openRun() {
  await page.goto(`${h.baseUrl}/#/runs/${runId}`);
  await page.getByTestId('run-items').waitFor();
}

describe('finishing a checklist run', () => {
  it('lists what is missing, each a link to its item; the run cannot be signed off yet', async () => {
    await openRun();
    await page.getByTestId('run-finish').click();
    const dialog = page.getByTestId('finish-dialog');
    const missing = dialog.getByTestId('finish-missing');
    await missing.waitFor();
    expect(await missing.locator('li').evaluateAll((items) => items.map((i) => i.getAttribute('data-code')))).toEqual([
      'detail_missing',
      'item_unanswered',
      'item_unanswered',
    ]);
    expect(await missing.innerText()).toContain('Gate number');
    expect(await dialog.getByTestId('finish-confirm').isDisabled()).toBe(true);
    await h.shot('gates-finish-missing-en', { fullPage: false });
    // The second item's link closes the dialog and opens that item.
    await dialog.getByTestId('missing-link').nth(2).click();
    await dialog.waitFor({ state: 'hidden' });
    await waitCurrent('gate-log');
  }, TIMEOUT);

  it('a deviation without its note is listed too; once filled in, signs off with a drawn signature and becomes read-only', async () => {
    await h.api('runs:update', { id: runId, metadata: { gate_number: 'North gate 2' } });
    await h.api('runs:answer', { runId, itemId: 'gate-lock', value: 'compliant' });
    await h.api('runs:answer', { runId, itemId: 'gate-log', value: 'non_compliant' });
    await openRun();
    await page.getByTestId('run-finish').click();
    const dialog = page.getByTestId('finish-dialog');
    await dialog.getByTestId('finish-missing').waitFor();
    expect(await dialog.locator('[data-code]').evaluateAll((items) => items.map((i) => i.getAttribute('data-code')))).toEqual(['note_missing']);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await h.api('runs:answer', { runId, itemId: 'gate-log', note: 'Entries missing for 3 nights' });
    await openRun();
    await page.getByTestId('run-finish').click();
    const pad = dialog.getByTestId('signature-pad');
    await pad.waitFor();
    expect(await dialog.innerText()).toContain('Signed off by Dana Validator');
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + 90);
    await page.mouse.down();
    for (const [x, y] of [[80, 40], [130, 100], [180, 45], [240, 95], [300, 60]] as const) await page.mouse.move(box.x + x, box.y + y, { steps: 6 });
    await page.mouse.up();
    await h.shot('gates-finish-signature-en', { fullPage: false });
    await dialog.getByTestId('finish-confirm').click();
    await page.getByTestId('run-finished').waitFor();
    expect(await page.getByTestId('run-finished').innerText()).toContain('Finished by Dana Validator');

    const detail = await h.api<RunDetail>('runs:get', { id: runId });
    expect(detail.run.finished).toMatchObject({ byName: 'Dana Validator', signatureSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Read-only: the item's controls are disabled, and the service refuses a change anyway.
    expect(await page.getByTestId('item-fieldset').evaluate((f) => (f as HTMLFieldSetElement).disabled)).toBe(true);
    expect(await page.getByTestId('item-fieldset').locator('button').first().isDisabled()).toBe(true);
    const refused = await h.envelope('runs:answer', { runId, itemId: 'gate-lock', value: 'non_compliant' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'immutable' } });
    await h.shot('gates-run-finished-en', { fullPage: false });
  }, TIMEOUT);

  it('reopening asks for a reason, then the run is editable again', async () => {
    await page.getByTestId('run-reopen').click();
    const dialog = page.getByTestId('run-reopen-dialog');
    await dialog.waitFor();
    await dialog.locator('button[type="submit"]').click();
    expect(await dialog.innerText()).toContain('Give a reason.');
    await dialog.getByRole('textbox').fill('The gate log photo belongs to another gate');
    await dialog.locator('button[type="submit"]').click();
    await page.getByTestId('run-finish').waitFor();
    expect((await h.api<RunDetail>('runs:get', { id: runId })).run.finished).toBeNull();
    expect(await page.getByTestId('item-fieldset').evaluate((f) => (f as HTMLFieldSetElement).disabled)).toBe(false);
  }, TIMEOUT);
});

describe('step reasons and the read-only plan', () => {
  async function openStep(step: string) {
    await page.goto(`${h.baseUrl}/#/cases/${caseId}`);
    await page.getByTestId(`step-${step}`).click();
    await page.getByTestId('step-panel').waitFor();
  }
  const panelButton = (name: string) => page.getByTestId('step-panel').getByRole('button', { name, exact: true });

  it('"Skip" asks for a reason, which is stored and shown', async () => {
    await openStep('business_systems');
    await panelButton('Skip').click();
    const dialog = page.getByTestId('step-reason-dialog');
    await dialog.waitFor();
    await dialog.getByRole('textbox').fill('The operator runs no customs IT system of its own');
    await h.shot('gates-step-skip-en', { fullPage: false });
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('step-reason').waitFor();
    expect(await stepOf('business_systems')).toMatchObject({ status: 'skipped', reason: 'The operator runs no customs IT system of its own' });
  }, TIMEOUT);

  it('"Mark done" with an unfinished run of the step asks why, naming how many', async () => {
    await openStep('conduct_validation');
    await panelButton('Start').click();
    await panelButton('Mark done').click();
    const dialog = page.getByTestId('step-reason-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Checklist runs of this step not finished: 1.');
    expect((await stepOf('conduct_validation')).status).toBe('in_progress');
    await dialog.getByRole('textbox').fill('The second gate is inspected on the follow-up visit');
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await stepOf('conduct_validation')).toMatchObject({ status: 'done', reason: 'The second gate is inspected on the follow-up visit' });
  }, TIMEOUT);

  it('the plan is read-only once planning is done; "Reopen planning…" asks for a reason', async () => {
    await h.api('plan:saveSite', { caseId, name: 'Main yard', kind: 'yard' });
    await openStep('planning');
    await panelButton('Start').click();
    await panelButton('Mark done').click();
    await page.getByTestId('plan-locked').waitFor();
    expect(await page.getByTestId('plan-fieldset').evaluate((f) => (f as HTMLFieldSetElement).disabled)).toBe(true);
    expect(await page.getByTestId('plan-fieldset').locator('button').first().isDisabled()).toBe(true);
    expect(await h.envelope('plan:saveSite', { caseId, name: 'Second yard', kind: 'yard' })).toMatchObject({ ok: false, error: { code: 'immutable' } });
    await h.shot('gates-plan-locked-en', { fullPage: false });

    await page.getByTestId('plan-reopen').click();
    const dialog = page.getByTestId('step-reason-dialog');
    await dialog.getByRole('textbox').fill('Add the second yard');
    await dialog.locator('button[type="submit"]').click();
    await page.getByTestId('plan-locked').waitFor({ state: 'hidden' });
    expect(await stepOf('planning')).toMatchObject({ status: 'in_progress', reason: 'Add the second yard' });
  }, TIMEOUT);

  it('a pre-seal link to a risk scrolls to that risk and focuses it; the address keeps it over a reload', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 12; n++) {
      const title = n === 11 ? 'Keys to the bonded store kept by the guard' : `Filler risk number ${n}`;
      ids.push((await h.api<{ id: string }>('risks:create', { caseId, title, likelihood: 2, consequence: 2 })).id);
    }
    const target = ids[10]!;
    await openStep('reporting');
    await page.getByTestId('seal-report').click();
    const check = page.getByTestId('preseal-check');
    await check.waitFor();
    await check.getByTestId('open-item-link').filter({ hasText: 'Keys to the bonded store kept by the guard' }).click();
    await page.getByTestId('seal-dialog-body').waitFor({ state: 'detached' });

    const row = page.locator(`[data-testid="risk-row"][data-risk-id="${target}"]`);
    /** The risk's row is marked, holds focus, and is on screen (not just the register's top). */
    const revealed = async () => {
      await page.locator(`[data-testid="risk-row"][data-risk-id="${target}"][data-gate-highlight]`).waitFor();
      await page.waitForFunction(
        (id) => {
          const el = document.querySelector(`[data-testid="risk-row"][data-risk-id="${id}"]`);
          const box = el?.getBoundingClientRect();
          return !!el && el.contains(document.activeElement) && !!box && box.top >= 0 && box.bottom <= window.innerHeight;
        },
        target,
      );
      expect(await page.locator('[data-gate-highlight]').count()).toBe(1);
    };
    await revealed();
    expect(new URL(page.url()).hash).toBe(`#/cases/${caseId}/residual_risk/${encodeURIComponent(`risk:${target}`)}`);
    expect(await row.innerText()).toContain('Keys to the bonded store kept by the guard');

    await page.reload();
    await revealed();
    await h.shot('gates-preseal-risk-link', { fullPage: false });
  }, TIMEOUT);

  it('Russian, and 1024×700: the dialogs fit without sideways scrolling', async () => {
    await setLanguage('ru');
    await page.setViewportSize({ width: 1024, height: 700 });
    await openRun();
    await page.reload();
    await page.getByTestId('run-items').waitFor();
    await page.getByTestId('run-finish').click();
    const dialog = page.getByTestId('finish-dialog');
    await dialog.locator('[data-testid="signature-pad"], [data-testid="finish-missing"]').first().waitFor();
    expect(await dialog.innerText()).toContain('Завершить и подписать');
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
    await h.shot('gates-finish-signature-ru-1024', { fullPage: false });
    await page.keyboard.press('Escape');
    await openStep('business_systems');
    expect(await page.getByTestId('step-reason').innerText()).toContain('Причина: The operator runs no customs IT system of its own');
    await panelButton('Возобновить').click();
    const reopen = page.getByTestId('step-reason-dialog');
    await reopen.waitFor();
    expect(await reopen.innerText()).toContain('Почему этап возобновляется?');
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
    await h.shot('gates-step-reopen-ru-1024', { fullPage: false });
    await page.keyboard.press('Escape');
    await setLanguage('en');
    await page.setViewportSize({ width: 1440, height: 900 });
  }, TIMEOUT);
});

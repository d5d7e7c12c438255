import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedCase } from './support/demo-case';
import { startHarness, type Harness } from './support/preview';

/**
 * Issue 10, "data corruption and loss", in real Chromium against the preview server: Enter answers only its own
 * item, typed text survives a reload or a step change, and a stale save never overwrites a newer answer.
 */
const TIMEOUT = 90_000;

let h: Harness;
let page: Page;
let caseId = '';
let runId = '';

type Answer = { itemId: string; value: unknown; note: string; revision: number };
const answersOf = async (): Promise<Record<string, Answer>> => {
  const detail = await h.api<{ answers: Answer[] }>('runs:get', { id: runId });
  return Object.fromEntries(detail.answers.map((a) => [a.itemId, a]));
};
const valueOf = async (itemId: string) => (await answersOf())[itemId]?.value;

const current = () =>
  page.evaluate(() => document.querySelector('[data-testid="run-item"][data-current]')?.getAttribute('data-item-id') ?? null);
const waitCurrent = (itemId: string) =>
  page.waitForFunction(
    (id) => document.querySelector('[data-testid="run-item"][data-current]')?.getAttribute('data-item-id') === id,
    itemId,
  );
/** Chooses an item by its row, then Enter to its answer field (as a validator does). */
async function openField(itemId: string) {
  await page.locator(`[data-testid="run-item"][data-item-id="${itemId}"]`).click();
  await waitCurrent(itemId);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'answer-field');
}
const openRun = async () => {
  await page.goto(`${h.baseUrl}/#/runs/${runId}`);
  await page.getByTestId('run-items').waitFor().catch(async (e: unknown) => {
    throw new Error(`${String(e)}\n${await page.locator('body').innerText()}\n${h.output.join('')}`);
  });
};

beforeAll(async () => {
  h = await startHarness({ prefix: 'aeo-field-loss-', viewport: { width: 1366, height: 860 } });
  page = h.page;
  // Reloading with unsaved text asks first; the validator answers "leave" here (the draft is kept either way).
  page.on('dialog', (dialog) => void dialog.accept());
  caseId = await createLedCase(h, { name: 'Aigerim Validator', role: 'team_lead' }, { caseNumber: 'AEO-2025-044', openedOn: '2025-03-03' });
  runId = (await h.api<{ id: string }>('runs:create', { caseId, siteId: null, templateId: 'eu-saq' })).id;
  await page.reload(); // the page was opened before the user existed
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('no typed word is lost or misplaced', () => {
  it('Enter saves the text item it was typed in and moves focus to the next row, copying nothing', async () => {
    await openRun();
    await waitCurrent('company-identity');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Steppe Logistics LLP, Almaty, 2009');
    await page.keyboard.press('Enter');
    await waitCurrent('owners-management');
    // Focus is on the list, on the next item's row; its answer field is empty.
    await expect(
      page.evaluate(() => {
        const list = document.activeElement;
        return { testid: list?.getAttribute('data-testid'), row: list?.getAttribute('aria-activedescendant') };
      }),
    ).resolves.toMatchObject({ testid: 'run-items' });
    const row = await page.evaluate(() => document.activeElement?.getAttribute('aria-activedescendant') ?? '');
    await expect(page.locator(`[id="${row}"]`).getAttribute('data-item-id')).resolves.toBe('owners-management');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('answer-field').inputValue()).resolves.toBe('');
    await page.keyboard.type('Marat Abenov (100 %)');
    await page.keyboard.press('Enter');
    // The next item is yes/no: a copied text would be refused there with a "not saved" banner.
    await waitCurrent('group-aeo');

    await expect.poll(() => valueOf('owners-management')).toBe('Marat Abenov (100 %)');
    await expect.poll(() => valueOf('company-identity')).toBe('Steppe Logistics LLP, Almaty, 2009');
    await expect(page.getByTestId('save-error').count()).resolves.toBe(0);
    expect(Object.keys(await answersOf()).sort()).toEqual(['company-identity', 'owners-management']);
  }, TIMEOUT);

  it('Enter on a number saves it only there; the next number starts empty (no 1205000000)', async () => {
    await openField('employees');
    await page.keyboard.type('120');
    await page.keyboard.press('Enter');
    await waitCurrent('annual-turnover');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('answer-field').inputValue()).resolves.toBe('');
    await page.keyboard.type('5000000');
    await page.keyboard.press('Enter');
    await waitCurrent('declarations-volume');
    await expect.poll(() => valueOf('annual-turnover')).toBe(5_000_000);
    expect(await valueOf('employees')).toBe(120);
    expect(await valueOf('declarations-volume')).toBeUndefined();
    expect(await current()).toBe('declarations-volume');
  }, TIMEOUT);

  it('a note typed just before a reload is there after it', async () => {
    await openRun();
    await page.locator('[data-testid="run-item"][data-item-id="sites"]').click();
    await waitCurrent('sites');
    await page.getByTestId('note-field').click();
    await page.keyboard.type('Two warehouses visited');
    await page.reload();
    await page.getByTestId('run-items').waitFor();
    await page.locator('[data-testid="run-item"][data-item-id="sites"]').click();
    await waitCurrent('sites');
    await expect.poll(() => page.getByTestId('note-field').inputValue()).toBe('Two warehouses visited');
    // The restored draft is saved like typed text.
    await expect.poll(async () => (await answersOf())['sites']?.note).toBe('Two warehouses visited');
  }, TIMEOUT);

  it('unsaved reasoning survives a step change and a reload', async () => {
    await page.goto(`${h.baseUrl}/#/cases/${caseId}`);
    await page.getByTestId('step-spine').waitFor();
    await page.getByTestId('step-reporting').click();
    const reasoning = page.getByTestId('recommendation').getByRole('textbox', { name: 'Reasoning' });
    await reasoning.fill('Security is adequate once the door locks are replaced.');
    await page.getByTestId('step-planning').click();
    await page.getByTestId('step-reporting').click();
    await expect(reasoning.inputValue()).resolves.toBe('Security is adequate once the door locks are replaced.');
    await page.reload();
    await page.getByTestId('step-spine').waitFor();
    await page.getByTestId('step-reporting').click();
    await expect(reasoning.inputValue()).resolves.toBe('Security is adequate once the door locks are replaced.');
    await page.getByTestId('draft-restored').waitFor();
  }, TIMEOUT);

  it('a stale save of an item is refused: the newer answer stays and is shown, with a banner', async () => {
    await openRun();
    await openField('authorisations-held');
    await page.keyboard.type('AEOC KZ 0012');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await answersOf())['authorisations-held']?.revision).toBe(1);

    // Meanwhile another window saves a newer answer on the same revision.
    await h.api('runs:answer', { runId, itemId: 'authorisations-held', value: 'AEOC KZ 0012; TIR carnet holder', baseRevision: 1 });

    // This page still holds revision 1: its edit arrives late and must not win.
    await openField('authorisations-held');
    await page.getByTestId('answer-field').fill('AEOC KZ 0013');
    await page.keyboard.press('Enter');
    await page.getByTestId('save-error').waitFor();
    await expect(page.getByTestId('save-error').textContent()).resolves.toContain('was changed elsewhere');
    expect(await valueOf('authorisations-held')).toBe('AEOC KZ 0012; TIR carnet holder');
    await page.getByTestId('save-error').getByRole('button', { name: 'Show item' }).click();
    await waitCurrent('authorisations-held');
    await expect.poll(() => page.getByTestId('answer-field').inputValue()).toBe('AEOC KZ 0012; TIR carnet holder');
  }, TIMEOUT);

  it('a note changed elsewhere while the runner was open shows on reopen and on focus, and is never written back over', async () => {
    const itemId = 'owners-management';
    const note = () => page.getByTestId('note-field');
    const row = (id: string) => page.locator(`[data-testid="run-item"][data-item-id="${id}"]`);
    const changeElsewhere = async (text: string) => {
      const answer = (await answersOf())[itemId];
      await h.api('runs:answer', { runId, itemId, note: text, baseRevision: answer?.revision ?? 0 });
    };
    await openRun();
    await row(itemId).click();
    await waitCurrent(itemId);
    await note().click();
    await page.keyboard.type('Two owners, one director');
    await row(itemId).click(); // leaving the field saves it
    await expect.poll(async () => (await answersOf())[itemId]?.note).toBe('Two owners, one director');

    // Away from the runner, another window changes the note; back in the runner (which shows what it held until
    // its read returns), the field shows the new note, and leaving it writes nothing back.
    await page.goto(`${h.baseUrl}/#/cases`);
    await page.getByTestId('case-search').waitFor();
    await changeElsewhere('Three owners since May');
    await page.goto(`${h.baseUrl}/#/runs/${runId}/${itemId}`);
    await waitCurrent(itemId);
    await expect.poll(() => note().inputValue()).toBe('Three owners since May');
    await note().focus();
    await row('sites').click();
    await waitCurrent('sites');
    await row(itemId).click();
    await waitCurrent(itemId);
    expect(await note().inputValue()).toBe('Three owners since May');
    expect((await answersOf())[itemId]?.note).toBe('Three owners since May');

    // Changed again while the runner is open: coming back to the window shows it.
    await changeElsewhere('Three owners; the director changed in June');
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => note().inputValue()).toBe('Three owners; the director changed in June');

    // What the validator types next builds on the newest note.
    await note().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' (seen in the register)');
    await row('sites').click();
    await expect
      .poll(async () => (await answersOf())[itemId]?.note)
      .toBe('Three owners; the director changed in June (seen in the register)');
  }, TIMEOUT);
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedCase, STEPPE_LOGISTICS } from './support/demo-case';
import { startHarness, type Harness } from './support/preview';

/**
 * Issue 13 in real Chromium: on the reporting step a criterion's "Grounds…" opens the picker, the validator cites
 * a checklist answer, a risk, a finding and an interview, saves, and the row counts them; the store keeps them
 * (read back through the API). Screens at 1440×900 and 1024×700 in English and Russian go to test-results.
 */
const TIMEOUT = 120_000;
const DOORS = 'Inside and outside doors, including the reliability of the locking mechanisms';

let h: Harness;
let page: Page;
let caseId: string;
let ids: { risk: string; finding: string; interview: string };

beforeAll(async () => {
  h = await startHarness({ prefix: 'aeo-citations-', viewport: { width: 1440, height: 900 } });
  page = h.page;
  caseId = await createLedCase(
    h,
    { name: 'Aigerim Validator', role: 'validator' },
    {
      caseNumber: 'AEO-2026-041',
      openedOn: '2026-11-02',
      newOperator: { ...STEPPE_LOGISTICS, address: 'Almaty', contactPerson: 'A. Sadykova', phone: '', email: '' },
    },
  );
  const site = await h.api<{ id: string }>('plan:saveSite', { caseId, name: 'Main warehouse', kind: 'warehouse', address: 'Almaty' });
  const interview = await h.api<{ id: string }>('plan:saveInterview', { caseId, person: 'Aigerim Sadykova', role: 'Security manager', topics: ['Seal control'], date: '2026-11-09', held: true });
  const run = await h.api<{ id: string }>('runs:create', { caseId, siteId: site.id, templateId: 'ctpat-container-7pt', label: 'MSKU 123456-7' });
  await h.api('runs:answer', { runId: run.id, itemId: 'doors', value: 'non_compliant', note: 'Locking bar loose on the right door' });
  const risk = await h.api<{ id: string }>('risks:create', { caseId, fromAnswer: { runId: run.id, itemId: 'doors' }, likelihood: 4, consequence: 3, criterion: 'G' });
  const finding = await h.api<{ id: string }>('findings:create', { caseId, description: 'Door locking bars not checked before loading' });
  ids = { risk: risk.id, finding: finding.id, interview: (interview as { id?: string }).id ?? '' };
  if (!ids.interview) {
    const plan = await h.api<{ interviews: { id: string }[] }>('plan:get', { caseId });
    ids.interview = plan.interviews[0]!.id;
  }
}, 180_000);
afterAll(async () => {
  await h?.close();
});

async function openReporting(lang: 'en' | 'ru' = 'en') {
  await page.goto(`${h.baseUrl}/#/cases/${caseId}`);
  await page.evaluate((l) => window.localStorage.setItem('aeo.language', l), lang);
  await page.reload();
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
  await page.getByTestId('step-spine').waitFor();
  await page.getByTestId('step-reporting').click();
  await page.getByTestId('criteria-assessment').waitFor();
}

/** Picks an option in a Mantine MultiSelect by label and option text. */
async function pick(dialog: ReturnType<Page['getByRole']>, label: string, option: RegExp) {
  await dialog.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option }).first().click();
  await page.keyboard.press('Escape');
}

describe('citing what a criterion conclusion rests on', () => {
  it('picks an answer, a risk, a finding and an interview for criterion G; the row counts them and the store keeps them', async () => {
    await openReporting();
    const row = page.locator('[data-criterion="G"]');
    await expect(row.getByTestId('cited-count').innerText()).resolves.toBe('Cited: 0');
    await row.getByTestId('cite-button').click();
    const dialog = page.getByRole('dialog', { name: /Grounds for the conclusion on G/ });
    await dialog.waitFor();
    await pick(dialog, 'Checklist answers', new RegExp(DOORS.slice(0, 30)));
    await pick(dialog, 'Risks', /^R1 /);
    await pick(dialog, 'Findings', /^F1 Door locking bars/);
    await pick(dialog, 'Interviews', /Aigerim Sadykova, Security manager/);
    await h.shot('citations-picker-en', { fullPage: false });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.getByTestId('cited-count').innerText()).toBe('Cited: 4');
    const stored = await h.api<{ criteria: { criterion: string; citations?: Record<string, string[]> }[] }>('assessment:get', { caseId });
    const g = stored.criteria.find((c) => c.criterion === 'G')!;
    expect(g.citations).toMatchObject({ riskIds: [ids.risk], findingIds: [ids.finding], interviewIds: [ids.interview], evidenceIds: [] });
    expect(g.citations?.answerIds).toHaveLength(1);
  }, TIMEOUT);

  it('reopening shows what is cited; removing one and saving uncites it', async () => {
    await openReporting();
    const row = page.locator('[data-criterion="G"]');
    await row.getByTestId('cite-button').click();
    const dialog = page.getByRole('dialog', { name: /Grounds for the conclusion on G/ });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Aigerim Sadykova, Security manager');
    const interviews = dialog.getByLabel('Interviews', { exact: true });
    await interviews.click();
    await interviews.press('Backspace');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.getByTestId('cited-count').innerText()).toBe('Cited: 3');
  }, TIMEOUT);

  it('screens in Russian and at 1024×700', async () => {
    await openReporting('ru');
    const row = page.locator('[data-criterion="G"]');
    await expect(row.getByTestId('cited-count').innerText()).resolves.toBe('Ссылок: 3');
    await row.getByTestId('cite-button').click();
    await page.getByRole('dialog', { name: /Основания вывода по критерию G/ }).waitFor();
    await h.shot('citations-picker-ru', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1024, height: 700 });
    await openReporting('ru');
    await page.locator('[data-criterion="G"]').scrollIntoViewIfNeeded();
    await h.shot('citations-criteria-ru-1024', { fullPage: false });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(sideways).toBe(false);
    await openReporting('en');
    await page.locator('[data-criterion="G"]').scrollIntoViewIfNeeded();
    await h.shot('citations-criteria-en-1024', { fullPage: false });
  }, TIMEOUT);
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoCase, startHarness, type Harness } from './support/preview';

/**
 * Issue 10: step 3 (business systems) and step 4 (initial interview) have their own content. In English, a
 * validator adds a note on a system reviewed and writes the minutes of a planned interview; after a reload both
 * are there, and the store holds what was typed. Screenshots in English and Russian at 1440×900 and 1024×700.
 */
const TIMEOUT = 120_000;

let h: Harness;
let page: Page;
let caseId = '';

beforeAll(async () => {
  // The demo case: its plan lists two interviews (Yerlan Tulegenov first).
  h = await startHarness({
    prefix: 'aeo-steps34-',
    viewport: { width: 1440, height: 900 },
    seed: async (dataDir) => {
      caseId = createDemoCase(dataDir);
    },
  });
  page = h.page;
}, TIMEOUT);

afterAll(async () => {
  await h?.close();
});

const setLanguage = (lang: 'en' | 'ru') => page.evaluate((l) => window.localStorage.setItem('aeo.language', l), lang);
async function openStep(step: string) {
  await page.goto(`${h.baseUrl}/#/cases/${caseId}/${step}`);
  await page.locator(`[data-testid="step-${step}"][aria-selected="true"]`).waitFor();
}

describe('step 3: business systems', () => {
  it('a system note is added in a dialog and is still there after a reload', async () => {
    await openStep('business_systems');
    await page.getByTestId('add-system').click();
    const form = page.getByTestId('system-form');
    await form.getByLabel('System').fill('ERP (SAP S/4HANA)');
    await form.getByLabel('What was checked').fill('Customs declarations module, user rights');
    await form.getByLabel('Notes').fill('Two dormant accounts with customs rights');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });

    await page.reload();
    const row = page.getByTestId('system-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('ERP (SAP S/4HANA)');
    expect(await row.innerText()).toContain('Two dormant accounts');
    expect(await h.api<{ system: string; checked: string }[]>('systems:list', { caseId })).toMatchObject([
      { system: 'ERP (SAP S/4HANA)', checked: 'Customs declarations module, user rights' },
    ]);
  }, TIMEOUT);
});

describe('step 4: interview minutes', () => {
  it('minutes of a planned interview are written and read back after a reload', async () => {
    await openStep('initial_interview');
    const row = page.getByTestId('minutes-row').first();
    await row.waitFor();
    expect(await row.innerText()).toContain('Yerlan Tulegenov');
    await row.getByTestId('edit-minutes').click();
    const form = page.getByTestId('minutes-form');
    await form.getByLabel('Present').fill('Yerlan Tulegenov\nDana Validator');
    expect(await form.getByLabel('Topics').inputValue()).toContain('security policy');
    await form.getByLabel('Answers').fill('A security officer is appointed by order No. 12.');
    await form.getByLabel('Follow-ups').fill('Send a copy of the order');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });

    // The minutes are read apart from the plan that lists the interviews. Held back here (as a busy machine
    // does), the step shows it is loading, not a row that says "Not yet" with an Edit that would open blank.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = () => {};
    const requested = new Promise<void>((resolve) => (asked = resolve));
    const minutesRead = (url: URL) => url.pathname === '/api/interviews:minutes';
    let passed = Promise.resolve();
    await page.route(minutesRead, (route) => {
      asked();
      passed = held.then(() => route.continue());
      return passed;
    });
    const planRead = page.waitForResponse((response) => response.url().includes('/api/plan:get'));
    await page.reload();
    await Promise.all([requested, planRead]);
    const section = page.getByTestId('interview-minutes');
    await section.getByLabel('Loading…').waitFor();
    expect(await page.getByTestId('minutes-row').count()).toBe(0);
    release();
    await passed;
    await page.unroute(minutesRead);

    const written = page.getByTestId('minutes-row').filter({ hasText: 'Yerlan Tulegenov, Dana Validator' });
    await written.waitFor();
    expect(await written.innerText()).toContain('Send a copy of the order');
    await page.getByTestId('edit-minutes').first().click();
    expect(await page.getByTestId('minutes-form').getByLabel('Answers').inputValue()).toBe('A security officer is appointed by order No. 12.');
    await page.getByTestId('minutes-form').getByRole('button', { name: 'Cancel' }).click();
    expect(await h.api<{ present: string[] }[]>('interviews:minutes', { caseId })).toMatchObject([
      { present: ['Yerlan Tulegenov', 'Dana Validator'], followUps: 'Send a copy of the order' },
    ]);
  }, TIMEOUT);

  it('screens of both steps in English and Russian, wide and narrow, with no sideways scroll', async () => {
    for (const lang of ['en', 'ru'] as const) {
      await setLanguage(lang); // the page is open (set in about:blank, storage is refused)
      for (const size of [
        { width: 1440, height: 900 },
        { width: 1024, height: 700 },
      ]) {
        await page.setViewportSize(size);
        for (const step of ['business_systems', 'initial_interview']) {
          await openStep(step);
          await page.reload(); // a hash change alone keeps the page, and its language
          await page.getByTestId(step === 'business_systems' ? 'system-row' : 'minutes-row').first().waitFor();
          const heading = step === 'business_systems' ? ['Business systems reviewed', 'Проверенные бизнес-системы'] : ['Interview minutes', 'Протоколы интервью'];
          await page.getByRole('heading', { name: heading[lang === 'en' ? 0 : 1] }).waitFor();
          const wide = await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);
          expect(wide, `${step} ${lang} ${size.width}`).toBe(true);
          await h.shot(`steps34-${step}-${lang}-${size.width}`);
        }
      }
    }
    await setLanguage('en');
  }, TIMEOUT);
});

import { describe, expect, it } from 'vitest';
import { TIMEOUT, useDemoCase } from './support/demo-case';

/**
 * Issue 10: step 3 (business systems) and step 4 (initial interview) have their own content. In English, a
 * validator adds a note on a system reviewed and writes the minutes of a planned interview; after a reload both
 * are there, and the store holds what was typed. Screenshots in English and Russian at 1440×900 and 1024×700.
 */
// The demo case: its plan lists two interviews (Yerlan Tulegenov first).
const demo = useDemoCase('aeo-steps34-');
async function openStep(step: string) {
  await demo.page.goto(`${demo.h.baseUrl}/#/cases/${demo.caseId}/${step}`);
  await demo.page.locator(`[data-testid="step-${step}"][aria-selected="true"]`).waitFor();
}

describe('step 3: business systems', () => {
  it('a system note is added in a dialog and is still there after a reload', async () => {
    await openStep('business_systems');
    await demo.page.getByTestId('add-system').click();
    const form = demo.page.getByTestId('system-form');
    await form.getByLabel('System').fill('ERP (SAP S/4HANA)');
    await form.getByLabel('What was checked').fill('Customs declarations module, user rights');
    await form.getByLabel('Notes').fill('Two dormant accounts with customs rights');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });

    await demo.page.reload();
    const row = demo.page.getByTestId('system-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('ERP (SAP S/4HANA)');
    expect(await row.innerText()).toContain('Two dormant accounts');
    expect(await demo.h.api<{ system: string; checked: string }[]>('systems:list', { caseId: demo.caseId })).toMatchObject([
      { system: 'ERP (SAP S/4HANA)', checked: 'Customs declarations module, user rights' },
    ]);
  }, TIMEOUT);
  it('a system note links evidence the case holds and a file attached in its form', async () => {
    type Listed = { id: string; originalName: string; caption: string | null };
    const [existing] = await demo.h.api<Listed[]>('evidence:list', { caseId: demo.caseId });
    expect(existing).toBeDefined();
    await openStep('business_systems');
    await demo.page.getByRole('button', { name: 'Edit the note on ERP (SAP S/4HANA)' }).click();
    const form = demo.page.getByTestId('system-form');
    await form.getByLabel('Evidence', { exact: true }).click();
    const label = existing!.caption ? `${existing!.originalName} — ${existing!.caption}` : existing!.originalName;
    await demo.page.getByRole('option', { name: label, exact: true }).first().click();
    await demo.page.keyboard.press('Escape'); // closes the list, not the dialog
    await form.getByTestId('system-attach-input').setInputFiles({
      name: 'user-rights-export.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('user,role\ncustoms1,declarant\ndormant7,declarant\n'),
    });
    // The new file joins the list as chosen.
    await form.locator('.mantine-MultiSelect-pill', { hasText: 'user-rights-export.csv' }).waitFor();
    await demo.h.shot('steps34-system-evidence-en', { fullPage: false });
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });

    const added = (await demo.h.api<Listed[]>('evidence:list', { caseId: demo.caseId })).find((e) => e.originalName === 'user-rights-export.csv');
    expect(added).toBeDefined();
    const [note] = await demo.h.api<{ evidenceIds: string[] }[]>('systems:list', { caseId: demo.caseId });
    expect(note?.evidenceIds).toEqual([existing!.id, added!.id]);
    await demo.page.reload();
    await expect.poll(() => demo.page.getByTestId('system-evidence-count').first().innerText()).toBe('2');
  }, TIMEOUT);
});

describe('step 4: interview minutes', () => {
  it('minutes of a planned interview are written and read back after a reload', async () => {
    await openStep('initial_interview');
    const row = demo.page.getByTestId('minutes-row').first();
    await row.waitFor();
    expect(await row.innerText()).toContain('Yerlan Tulegenov');
    await row.getByTestId('edit-minutes').click();
    const form = demo.page.getByTestId('minutes-form');
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
    await demo.page.route(minutesRead, (route) => {
      asked();
      passed = held.then(() => route.continue());
      return passed;
    });
    const planRead = demo.page.waitForResponse((response) => response.url().includes('/api/plan:get'));
    await demo.page.reload();
    await Promise.all([requested, planRead]);
    const section = demo.page.getByTestId('interview-minutes');
    await section.getByLabel('Loading…').waitFor();
    expect(await demo.page.getByTestId('minutes-row').count()).toBe(0);
    release();
    await passed;
    await demo.page.unroute(minutesRead);

    const written = demo.page.getByTestId('minutes-row').filter({ hasText: 'Yerlan Tulegenov, Dana Validator' });
    await written.waitFor();
    expect(await written.innerText()).toContain('Send a copy of the order');
    await demo.page.getByTestId('edit-minutes').first().click();
    expect(await demo.page.getByTestId('minutes-form').getByLabel('Answers').inputValue()).toBe('A security officer is appointed by order No. 12.');
    await demo.page.getByTestId('minutes-form').getByRole('button', { name: 'Cancel' }).click();
    expect(await demo.h.api<{ present: string[] }[]>('interviews:minutes', { caseId: demo.caseId })).toMatchObject([
      { present: ['Yerlan Tulegenov', 'Dana Validator'], followUps: 'Send a copy of the order' },
    ]);
  }, TIMEOUT);

  it('screens of both steps in English and Russian, wide and narrow, with no sideways scroll', async () => {
    for (const lang of ['en', 'ru'] as const) {
      await demo.setLanguage(lang); // the page is open (set in about:blank, storage is refused)
      for (const size of [
        { width: 1440, height: 900 },
        { width: 1024, height: 700 },
      ]) {
        await demo.page.setViewportSize(size);
        for (const step of ['business_systems', 'initial_interview']) {
          await openStep(step);
          await demo.page.reload(); // a hash change alone keeps the page, and its language
          await demo.page.getByTestId(step === 'business_systems' ? 'system-row' : 'minutes-row').first().waitFor();
          const heading = step === 'business_systems' ? ['Business systems reviewed', 'Проверенные бизнес-системы'] : ['Interview minutes', 'Протоколы интервью'];
          await demo.page.getByRole('heading', { name: heading[lang === 'en' ? 0 : 1] }).waitFor();
          const wide = await demo.page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);
          expect(wide, `${step} ${lang} ${size.width}`).toBe(true);
          await demo.h.shot(`steps34-${step}-${lang}-${size.width}`);
        }
      }
    }
    await demo.setLanguage('en');
  }, TIMEOUT);
});

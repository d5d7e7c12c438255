import { describe, expect, it } from 'vitest';
import { TIMEOUT, useDemoCase } from './support/demo-case';

/**
 * Issue 13, the certification cycle on the case page: in English the validator records the application and a
 * document received, assigns the account manager and records an activity; the decision waits for the seal and
 * monitoring for the decision. In Russian the same screens read in Russian. Screenshots at 1440×900 and 1024×700.
 */
const demo = useDemoCase('aeo-cycle-');
const cycle = () => demo.page.getByTestId('certification-cycle');

describe('the certification cycle', () => {
  it('records the application, the account manager and an activity (English)', async () => {
    await demo.page.goto(`${demo.h.baseUrl}/#/cases/${demo.caseId}/planning`);
    await demo.setLanguage('en');
    await demo.page.reload();
    await cycle().getByTestId('application-reference').waitFor();
    await cycle().getByTestId('application-reference').fill('APP-2026/0457');
    await cycle().getByTestId('application-received').fill('2026-10-15');
    await cycle().getByTestId('save-application').click();
    await cycle().getByTestId('add-application-document').click();
    const form = demo.page.getByTestId('application-document-form');
    await form.getByRole('combobox', { name: /^Document/ }).click();
    await demo.page.getByRole('option', { name: 'Self-assessment questionnaire (SAQ)' }).click();
    await form.getByLabel(/^Received/).fill('2026-10-16');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    await cycle().getByTestId('application-document-row').first().waitFor();
    await demo.h.shot('en-cycle-application');

    await cycle().getByTestId('cycle-tab-authorization').click();
    await cycle().getByTestId('authorization-needs-seal').waitFor();

    await cycle().getByTestId('cycle-tab-account-manager').click();
    await cycle().getByTestId('account-manager-name').fill('Timur Akhmetov');
    await cycle().getByTestId('account-manager-assigned').fill('2026-11-01');
    await cycle().getByTestId('save-account-manager').click();
    await expect.poll(async () => cycle().getByTestId('add-activity').isEnabled()).toBe(true);
    await cycle().getByTestId('add-activity').click();
    const activity = demo.page.getByTestId('activity-form');
    await activity.getByRole('combobox', { name: /^Function/ }).click();
    await demo.page.getByRole('option', { name: 'Arranging meetings and business visits' }).click();
    await activity.getByLabel(/^Date/).fill('2026-11-20');
    await activity.getByLabel('Note').fill('Introductory meeting at the head office');
    await activity.getByRole('button', { name: 'Save' }).click();
    await activity.waitFor({ state: 'detached' });
    await cycle().getByTestId('activity-row').first().waitFor();
    await demo.h.shot('en-cycle-account-manager');

    await cycle().getByTestId('cycle-tab-monitoring').click();
    expect(await cycle().getByTestId('add-monitoring').isDisabled()).toBe(true);

    const application = await demo.h.api<{ reference: string; documents: { kind: string }[] }>('application:get', { caseId: demo.caseId });
    expect(application).toMatchObject({ reference: 'APP-2026/0457', documents: [{ kind: 'saq' }] });
  }, TIMEOUT);

  it('reads in Russian, at a laptop size too', async () => {
    await demo.setLanguage('ru');
    await demo.page.reload();
    await cycle().getByTestId('cycle-tab-account-manager').waitFor();
    expect(await cycle().getByTestId('cycle-tab-application').innerText()).toBe('Заявление');
    expect(await cycle().getByTestId('cycle-tab-account-manager').innerText()).toBe('Куратор');
    expect(await cycle().getByTestId('application-document-row').innerText()).toContain('Анкета самооценки');
    await demo.h.shot('ru-cycle-application');
    await cycle().getByTestId('cycle-tab-account-manager').click();
    expect(await cycle().getByTestId('activity-row').innerText()).toContain('Организация встреч и деловых визитов');
    await demo.h.shot('ru-cycle-account-manager');
    await demo.page.setViewportSize({ width: 1024, height: 700 });
    await cycle().getByTestId('cycle-tab-authorization').click();
    expect(await cycle().getByTestId('authorization-needs-seal').innerText()).toContain('запечатайте');
    expect(await demo.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await demo.h.shot('ru-cycle-authorization-1024');
  }, TIMEOUT);

  it('a document dialog opened while the application is still saving keeps what was typed into it', async () => {
    await demo.page.goto(`${demo.h.baseUrl}/#/cases/${demo.caseId}/planning`);
    await demo.setLanguage('en');
    await demo.page.reload();
    await cycle().getByTestId('application-reference').waitFor();
    // The save is held back (as a busy machine does) until the dialog is open and typed into.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const saved = demo.page.waitForResponse((response) => response.url().includes('/api/application:update'));
    await demo.page.route((url) => url.pathname === '/api/application:update', (route) => held.then(() => route.continue()));
    await cycle().getByTestId('application-reference').fill('APP-2026/0458');
    await cycle().getByTestId('save-application').click();
    await cycle().getByTestId('add-application-document').click();
    const form = demo.page.getByTestId('application-document-form');
    await form.getByLabel(/^Title/).fill('Letter of 12 October');
    release();
    await saved;
    await demo.page.unroute((url) => url.pathname === '/api/application:update');
    // The stored application changed under the dialog: the dialog and its text are still there.
    await expect.poll(async () => (await demo.h.api<{ reference: string }>('application:get', { caseId: demo.caseId })).reference).toBe('APP-2026/0458');
    await expect(form.getByLabel(/^Title/).inputValue()).resolves.toBe('Letter of 12 October');
    await expect(cycle().getByTestId('application-reference').inputValue()).resolves.toBe('APP-2026/0458');
    await form.getByRole('button', { name: 'Cancel' }).click();
  }, TIMEOUT);
});

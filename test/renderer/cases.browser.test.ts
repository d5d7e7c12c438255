import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/preview';

/**
 * The renderer in real Chromium against the preview server (same handler map as the app's IPC), on a fresh
 * data directory. The tests run in order and share one page: each continues where the previous one left off.
 */
const TIMEOUT = 60_000;

let harness: Harness;
let page: Page;
let baseUrl = '';

const apiCall = <T>(channel: string, input: unknown = {}): Promise<T> => harness.api<T>(channel, input);

/** A local calendar date `days` from today: the form refuses a due date before the opening date (today). */
function isoDateInDays(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const caseCount = async () => (await apiCall<unknown[]>('cases:list')).length;
/** The whole page at laptop width: the viewport grows to the content so the fixed frame stays in place. */
const shot = (name: string) => harness.shot(name);

beforeAll(async () => {
  harness = await startHarness({ viewport: { width: 1366, height: 820 } });
  page = harness.page;
  baseUrl = harness.baseUrl;
  await page.goto(baseUrl);
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

describe('case workflow in the browser', () => {
  it('keeps the launch token for this tab, out of the address bar, and sends it with every call', async () => {
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => window.sessionStorage.getItem('aeo.previewToken'))).toBe(harness.token);
    const sent = page.waitForRequest((request) => request.url().includes('/api/users:session'));
    await page.reload();
    expect((await sent).headers()['x-aeo-token']).toBe(harness.token);
  });

  it('asks who works on this device on first launch, then shows the empty case list', async () => {
    await expect(page.getByRole('heading', { name: 'Set up this device' }).isVisible()).resolves.toBe(true);
    // The form refuses an empty name with a message under the field.
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Required').waitFor();
    await shot('setup');
    await page.getByLabel('Your name').fill('Aigerim Validator');
    await page.getByRole('radio', { name: 'Team lead' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Validation cases' }).waitFor();
    await expect(page.getByTestId('current-user').textContent()).resolves.toBe('Aigerim Validator');
    await page.getByTestId('cases-empty').waitFor();
    const session = await apiCall<{ currentUser: { name: string; role: string } }>('users:session');
    expect(session.currentUser).toMatchObject({ name: 'Aigerim Validator', role: 'team_lead' });
  }, TIMEOUT);

  it('shows field-level messages for an empty form and creates nothing', async () => {
    const before = await caseCount();
    await page.getByRole('link', { name: 'New case' }).first().click();
    await page.getByRole('heading', { name: 'New validation case' }).waitFor();
    // The lead validator defaults to the current user.
    await expect(page.getByLabel('Lead validator').inputValue()).resolves.toBe('Aigerim Validator');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByTestId('form-errors').waitFor();

    const caseNumber = page.getByRole('textbox', { name: 'Case number' });
    const legalName = page.getByRole('textbox', { name: 'Legal name' });
    await expect(caseNumber.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(legalName.getAttribute('aria-invalid')).resolves.toBe('true');
    // Each message is tied to its field (aria-describedby) and says what is wrong.
    const messageOf = async (input: typeof caseNumber) => {
      const ids = (await input.getAttribute('aria-describedby')) ?? '';
      const texts = await Promise.all(ids.split(/\s+/).filter(Boolean).map((id) => page.locator(`#${id}`).textContent()));
      return texts.join(' ');
    };
    await expect(messageOf(caseNumber)).resolves.toContain('Required');
    await expect(messageOf(legalName)).resolves.toContain('Required');
    await expect(page.getByText('Choose a value').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Choose at least one').isVisible()).resolves.toBe(true);
    // Keyboard users land on the first field that needs attention.
    await expect(caseNumber.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await shot('create-form-errors');
    expect(await caseCount()).toBe(before);
  }, TIMEOUT);

  it('creates a case with a new operator and opens it', async () => {
    await page.getByRole('textbox', { name: 'Case number' }).fill('AEO-2025-014');
    await page.getByRole('combobox', { name: 'AEO type' }).click();
    await page.getByRole('option', { name: 'Customs simplifications', exact: true }).click();
    await page.getByRole('combobox', { name: 'Validation team' }).fill('Daniyar Sh.');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Due on' }).fill(isoDateInDays(60));
    await page.getByRole('textbox', { name: 'Legal name' }).fill('Silk Road Logistics LLP');
    await page.getByRole('textbox', { name: 'Identification number' }).fill('180240012345');
    await page.getByRole('combobox', { name: 'Roles in the supply chain' }).click();
    await page.getByRole('option', { name: 'Freight forwarder' }).click();
    await page.getByRole('option', { name: 'Warehouse operator' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: 'Address' }).fill('12 Dostyk Ave, Almaty');
    await page.getByRole('textbox', { name: 'Contact person' }).fill('Marat Ospanov');
    await page.getByRole('textbox', { name: 'Phone' }).fill('+7 727 000 00 00');
    await page.getByRole('textbox', { name: 'Email' }).fill('compliance@silkroad.example');
    await page.getByRole('button', { name: 'Create case' }).click();

    await page.getByTestId('case-number').waitFor();
    await expect(page.getByTestId('case-number').textContent()).resolves.toBe('AEO-2025-014');
    await expect(page.getByTestId('case-operator').textContent()).resolves.toContain('Silk Road Logistics LLP');
    expect(page.url()).toMatch(/#\/cases\/[0-9a-f-]{36}$/);
    expect(await caseCount()).toBe(1);
  }, TIMEOUT);

  it('refuses a duplicate case number with a message under the case number', async () => {
    await page.goto(`${baseUrl}/#/cases/new`);
    await page.getByRole('heading', { name: 'New validation case' }).waitFor();
    await page.getByRole('textbox', { name: 'Case number' }).fill('AEO-2025-014');
    await page.getByRole('combobox', { name: 'AEO type' }).click();
    await page.getByRole('option', { name: 'Security and safety', exact: true }).click();
    await page.getByTestId('operator-mode').getByText('Existing operator').click();
    await page.getByRole('combobox', { name: 'Operator', exact: true }).click();
    await page.getByRole('option', { name: /Silk Road Logistics LLP/ }).click();
    await page.getByRole('button', { name: 'Create case' }).click();
    const caseNumber = page.getByRole('textbox', { name: 'Case number' });
    await page.waitForFunction(() => document.querySelector('input[aria-invalid="true"]') !== null);
    await expect(caseNumber.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByText('Already in use').waitFor();
    expect(await caseCount()).toBe(1);
  }, TIMEOUT);

  it('finds the case by search from the list and opens it with the keyboard', async () => {
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Validation cases' }).waitFor();
    await page.getByTestId('case-row').first().waitFor();
    // `/` focuses the search box.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search cases' });
    await expect(search.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(search.inputValue()).resolves.toBe('');
    await page.keyboard.type('no-such-case');
    await page.getByText('No cases match this search.').waitFor();
    await search.fill('silk road');
    const row = page.getByRole('row', { name: 'Open case AEO-2025-014' });
    await row.waitFor();
    await expect(page.getByTestId('case-row').count()).resolves.toBe(1);
    await expect(row.textContent()).resolves.toContain('Validation planning');
    await shot('case-list');
    await row.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('case-number').waitFor();
  }, TIMEOUT);

  it('shows the nine validation steps, and starting a step changes its status', async () => {
    const steps = [
      'Validation planning',
      'Information gathering',
      'Study of business systems',
      'Initial interview',
      'Risk assessment',
      'Conducting the validation',
      'Response to residual risk',
      'Reporting',
      'Control plan',
    ];
    // The step spine's tabs (the certification-cycle card below the step has tabs of its own).
    const tabs = page.getByTestId('step-spine').getByRole('tab');
    await expect(tabs.count()).resolves.toBe(9);
    for (const [i, name] of steps.entries()) {
      await expect(tabs.nth(i).textContent()).resolves.toContain(name);
    }
    const planning = page.getByTestId('step-planning');
    await expect(planning.getAttribute('data-status')).resolves.toBe('not_started');
    await expect(page.getByTestId('step-panel').textContent()).resolves.toContain('sites to visit');

    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="step-planning"]')?.getAttribute('data-status') === 'in_progress',
    );
    await expect(planning.getByTestId('step-status').textContent()).resolves.toBe('In progress');
    await expect(page.getByTestId('step-panel-status').textContent()).resolves.toBe('In progress');
    // The keyboard stays in the actions: focus moves to the next sensible action.
    await page.waitForFunction(() => document.activeElement?.textContent === 'Mark done');

    // Another step, chosen with the keyboard: arrow down moves along the spine.
    await planning.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('step-panel').textContent()).resolves.toContain('Information gathering');
    // Skipping a step asks why (issue 10): the reason is stored with the step and printed in the report.
    await page.getByRole('button', { name: 'Skip' }).click();
    const reason = page.getByTestId('step-reason-dialog');
    await reason.getByRole('textbox').fill('The operator sent its documents in advance');
    await reason.locator('button[type="submit"]').click();
    await reason.waitFor({ state: 'hidden' });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="step-information_gathering"]')?.getAttribute('data-status') === 'skipped',
    );

    const detail = await apiCall<{ steps: { step: string; status: string }[] }>('cases:get', {
      // The address names the case, then the step shown (#/cases/<id>/<step>).
      id: decodeURIComponent(/#\/cases\/([^/]+)/.exec(page.url())?.[1] ?? ''),
    });
    expect(detail.steps.slice(0, 2).map((s) => s.status)).toEqual(['in_progress', 'skipped']);

    // The audit trail records the change, and the chain verifies.
    await page.getByTestId('audit-table').getByText('Validation planning').first().waitFor();
    await page.getByRole('button', { name: 'Verify audit chain' }).click();
    await expect(page.getByTestId('audit-verify-result').textContent()).resolves.toMatch(/Audit chain intact/);
    await page.getByTestId('step-planning').click();
    await shot('case-page-en');
  }, TIMEOUT);

  it('switches to Russian, shows the steps in Russian, and remembers it after a reload', async () => {
    await page.getByTestId('language-switch').getByText('RU').click();
    await page.getByRole('tab', { name: /Планирование валидации/ }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ru');
    await expect(page.getByTestId('step-planning').getByTestId('step-status').textContent()).resolves.toBe('В работе');
    await expect(page.getByRole('heading', { name: 'Журнал аудита' }).isVisible()).resolves.toBe(true);
    await shot('case-page-ru');

    await page.reload();
    await page.getByRole('tab', { name: /Реагирование на остаточный риск/ }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ru');
    await expect(page.getByRole('link', { name: 'Все дела' }).isVisible()).resolves.toBe(true);

    await page.getByRole('link', { name: 'Все дела' }).click();
    await page.getByRole('heading', { name: 'Дела по валидации' }).waitFor();
    await page.getByRole('row', { name: 'Открыть дело AEO-2025-014' }).waitFor();
    await shot('case-list-ru');
  }, TIMEOUT);
});

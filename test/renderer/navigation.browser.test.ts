import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoCase, startHarness, type Harness } from './support/preview';

/**
 * Where the validator is lives in the address: the case step, the open run and its current item survive a reload
 * and back/forward. Focus goes to the page heading after a page change; the sidebar folds to a rail and stays so;
 * the runner's keys work on a Russian layout (keys sent with Russian characters and the physical key codes).
 */
const TIMEOUT = 120_000;

let h: Harness;
let page: Page;
let cdp: CDPSession;
let caseId = '';
let caseNumber = '';
let runId = '';

beforeAll(async () => {
  h = await startHarness({ prefix: 'aeo-navigation-', viewport: { width: 1024, height: 700 } });
  page = h.page;
  caseId = createDemoCase(h.dataDir);
  caseNumber = (await h.api<{ caseNumber: string }>('cases:get', { id: caseId })).caseNumber;
  const runs = await h.api<{ id: string; templateId: string }[]>('runs:list', { caseId });
  runId = runs.find((r) => r.templateId === 'ctpat-container-7pt')?.id ?? runs[0]?.id ?? '';
  cdp = await page.context().newCDPSession(page);
}, TIMEOUT);

afterAll(async () => {
  await h?.close();
});

const hash = () => page.evaluate(() => window.location.hash);
const selectedStep = () => page.locator('[data-testid^="step-"][aria-selected="true"]').getAttribute('data-testid');
const currentItem = () => page.locator('[data-testid="run-item"][data-current]').getAttribute('data-item-id');
const waitCurrent = (itemId: string) =>
  page.waitForFunction((id) => document.querySelector('[data-testid="run-item"][data-current]')?.getAttribute('data-item-id') === id, itemId);
const focusedHeading = () => page.evaluate(() => (document.activeElement?.tagName === 'H1' ? document.activeElement.textContent : null));

/** A key as a Russian layout sends it: the Cyrillic character it types, and the physical key's code. */
async function russianKey(code: string, key: string, keyCode: number): Promise<void> {
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', code, key, text: key, unmodifiedText: key, windowsVirtualKeyCode: keyCode });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', code, key, windowsVirtualKeyCode: keyCode });
}

describe('navigation and layout', () => {
  it('keeps the case step in the address: reload and back/forward return to it', async () => {
    await page.goto(`${h.baseUrl}/#/cases`);
    await page.getByTestId('case-row').first().click();
    await page.getByTestId('case-number').waitFor();
    // Focus moved to the page heading (the case number).
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await focusedHeading()).toBe(caseNumber);

    await page.getByTestId('step-risk_assessment').click();
    await page.waitForFunction(() => window.location.hash.endsWith('/risk_assessment'));
    expect(await hash()).toBe(`#/cases/${caseId}/risk_assessment`);
    await page.getByTestId('step-reporting').click();
    await page.waitForFunction(() => window.location.hash.endsWith('/reporting'));

    await page.reload();
    await page.locator('[data-testid="step-reporting"][aria-selected="true"]').waitFor();
    await page.goBack();
    await page.locator('[data-testid="step-risk_assessment"][aria-selected="true"]').waitFor();
    expect(await selectedStep()).toBe('step-risk_assessment');
    await page.goForward();
    await page.locator('[data-testid="step-reporting"][aria-selected="true"]').waitFor();
  }, TIMEOUT);

  it('keeps the open run and its current item: reload, back to the case, forward to the same item', async () => {
    await page.goto(`${h.baseUrl}/#/cases/${caseId}/conduct_validation`);
    await page.locator('[data-testid="step-conduct_validation"][aria-selected="true"]').waitFor();
    await page.goto(`${h.baseUrl}/#/runs/${runId}/floor`);
    await waitCurrent('floor');
    await page.keyboard.press('j');
    await waitCurrent('ceiling-roof');
    await page.waitForFunction(() => window.location.hash.endsWith('/ceiling-roof'));
    expect(await hash()).toBe(`#/runs/${runId}/ceiling-roof`);

    await page.reload();
    await waitCurrent('ceiling-roof');
    // Moving between items replaces the entry: back leaves the run for the case, on the step it was on.
    await page.goBack();
    await page.locator('[data-testid="step-conduct_validation"][aria-selected="true"]').waitFor();
    await page.goForward();
    await waitCurrent('ceiling-roof');
    expect(await currentItem()).toBe('ceiling-roof');
  }, TIMEOUT);

  it('answers runner shortcuts by physical key on a Russian layout', async () => {
    await page.goto(`${h.baseUrl}/#/runs/${runId}/front-wall`);
    await waitCurrent('front-wall');
    await page.getByTestId('run-items').focus();
    await russianKey('KeyJ', 'о', 74); // J: next item
    await waitCurrent('left-side');
    await russianKey('KeyJ', 'о', 74);
    await waitCurrent('right-side');
    await russianKey('KeyK', 'л', 75); // K: previous item
    await waitCurrent('left-side');
    await russianKey('KeyN', 'т', 78); // N: to the note
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'note-field');
    // In the note the letters are text, not shortcuts.
    await russianKey('KeyJ', 'о', 74);
    expect(await page.getByTestId('note-field').inputValue()).toContain('о');
    expect(await currentItem()).toBe('left-side');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'run-items');
    // `/` on the case list is the key right of the full stop, which types '.' on a Russian layout.
    await page.goto(`${h.baseUrl}/#/cases`);
    await page.getByTestId('case-row').first().waitFor();
    await page.locator('body').click({ position: { x: 600, y: 650 } });
    await russianKey('Slash', '.', 191);
    await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
  }, TIMEOUT);

  it('moves focus to the heading of each page reached from the sidebar', async () => {
    await page.goto(`${h.baseUrl}/#/cases`);
    await page.getByTestId('case-row').first().waitFor();
    await page.getByTestId('nav-library').click();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await focusedHeading()).toBe('Checklist library');
    await page.getByTestId('nav-sync').click();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && window.location.hash === '#/sync');
    await page.goBack();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && window.location.hash === '#/library');
  }, TIMEOUT);

  it('makes each photo card of the case one tab stop', async () => {
    await page.goto(`${h.baseUrl}/#/cases/${caseId}/planning`);
    const cards = page.getByTestId('case-evidence-row');
    await cards.nth(2).waitFor();
    await cards.nth(0).getByRole('button').first().focus();
    await page.keyboard.press('Tab');
    const second = await cards.nth(1).evaluate((card) => card.contains(document.activeElement) && document.activeElement?.tagName === 'BUTTON');
    expect(second).toBe(true);
    await page.keyboard.press('Tab');
    expect(await cards.nth(2).evaluate((card) => card.contains(document.activeElement))).toBe(true);
  }, TIMEOUT);

  it('folds the sidebar to a rail and remembers it across a reload', async () => {
    await page.evaluate(() => window.localStorage.removeItem('aeo.sidebarCollapsed'));
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.reload();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.waitFor();
    const wide = (await nav.boundingBox())?.width ?? 0;
    await page.getByTestId('nav-toggle').click();
    await page.waitForFunction((w) => (document.querySelector('#app-navbar')?.getBoundingClientRect().width ?? w) < w, wide);
    expect(await page.getByTestId('nav-toggle').getAttribute('aria-expanded')).toBe('false');
    await page.reload();
    await nav.waitFor();
    expect((await nav.boundingBox())?.width ?? 0).toBeLessThan(wide);
    // The links keep their names as a rail.
    await page.getByRole('link', { name: 'Library' }).waitFor();
    await page.getByTestId('nav-toggle').click();
    await page.setViewportSize({ width: 1024, height: 700 });
  }, TIMEOUT);
});

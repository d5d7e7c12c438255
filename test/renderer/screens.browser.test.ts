import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validationSteps } from '../../src-main/contract/cases';
import { createDemoCase, root, startHarness, type Harness } from './support/preview';

/**
 * Every main screen on a 1024×700 field laptop, in English and Russian, on the demo case: nothing scrolls
 * sideways, neither the page nor a table inside it. Each screen is written to test-results/screens/ (the README
 * links the folder) as `<lang>-<screen>.png`, so a person can look at all of them at once.
 */
const TIMEOUT = 240_000;
const VIEWPORT = { width: Number(process.env.SCREENS_W ?? 1024), height: Number(process.env.SCREENS_H ?? 700) };
export const screensDir = path.join(root, 'test-results', 'screens');

let h: Harness;
let page: Page;
let caseId = '';
let runId = '';

/** `inView`: what must show without scrolling at all (the runner's answer buttons: above the fold). */
type Screen = { name: string; hash: () => string; ready: string; part?: string; inView?: string };

/** The screens, each with the address that opens it and what shows once it has loaded. */
const screens: Screen[] = [
  { name: 'case-list', hash: () => '#/cases', ready: '[data-testid="case-row"]' },
  { name: 'new-case', hash: () => '#/cases/new', ready: '#create-title' },
  ...validationSteps.map((step, i) => ({
    name: `case-step-${i + 1}-${step}`,
    hash: () => `#/cases/${caseId}/${step}`,
    ready: `[data-testid="step-${step}"][aria-selected="true"]`,
  })),
  { name: 'plan-editor', hash: () => `#/cases/${caseId}/planning`, ready: '[data-testid="step-planning"][aria-selected="true"]' },
  {
    name: 'runner',
    hash: () => `#/runs/${runId}`,
    ready: '[data-testid="run-items"]',
    inView: '[data-testid="item-detail"] button[data-testid^="answer-"]',
  },
  { name: 'evidence', hash: () => `#/cases/${caseId}/conduct_validation`, ready: '[data-testid="case-evidence"]', part: '[data-testid="case-evidence"]' },
  { name: 'risks-heat-map', hash: () => `#/cases/${caseId}/risk_assessment`, ready: '[data-testid="risk-row"]' },
  { name: 'findings', hash: () => `#/cases/${caseId}/residual_risk`, ready: '[data-testid="finding-row"]' },
  { name: 'control-plan', hash: () => `#/cases/${caseId}/control_plan`, ready: '[data-testid="step-control_plan"][aria-selected="true"]' },
  { name: 'report', hash: () => `#/cases/${caseId}/reporting`, ready: '[data-testid="step-reporting"][aria-selected="true"]' },
  { name: 'sync', hash: () => '#/sync', ready: '[data-testid="sync-keys"]' },
  { name: 'library', hash: () => '#/library', ready: 'main h1' },
  { name: 'audit-trail', hash: () => `#/cases/${caseId}/planning`, ready: 'section[aria-labelledby="audit-title"]', part: 'section[aria-labelledby="audit-title"]' },
];

beforeAll(async () => {
  h = await startHarness({ prefix: 'aeo-screens-', viewport: VIEWPORT });
  page = h.page;
  mkdirSync(screensDir, { recursive: true });
  caseId = createDemoCase(h.dataDir);
  const runs = await h.api<{ id: string }[]>('runs:list', { caseId });
  runId = runs[0]?.id ?? '';
  expect(runId).not.toBe('');
}, TIMEOUT);

afterAll(async () => {
  await h?.close();
});

/** Lets transitions finish and fonts settle, so widths are final. */
async function settle(): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
}

/** What scrolls sideways: the page itself, and any element inside the page that scrolls its own content sideways. */
function sidewaysScroll(): Promise<{ page: { scrollWidth: number; innerWidth: number }; inner: string[] }> {
  return page.evaluate(() => {
    const inner: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('main *')) {
      const overflow = getComputedStyle(element).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
        inner.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')}[${element.dataset.testid ?? ''}] ${element.scrollWidth}>${element.clientWidth}`);
      }
    }
    return { page: { scrollWidth: document.scrollingElement?.scrollWidth ?? 0, innerWidth: window.innerWidth }, inner };
  });
}

describe('every main screen at 1024×700', () => {
  for (const lang of ['en', 'ru'] as const) {
    it(`fits without sideways scrolling, in ${lang === 'en' ? 'English' : 'Russian'}`, async () => {
      await page.goto(`${h.baseUrl}/#/cases`);
      await page.evaluate((l) => window.localStorage.setItem('aeo.language', l), lang);
      await page.reload();
      await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
      const failures: string[] = [];
      for (const screen of screens) {
        await page.goto(`${h.baseUrl}/${screen.hash()}`);
        await page.locator(screen.ready).first().waitFor();
        await settle();
        const found = await sidewaysScroll();
        if (found.page.scrollWidth > found.page.innerWidth) failures.push(`${screen.name}: page ${found.page.scrollWidth} > ${found.page.innerWidth}`);
        for (const inner of found.inner) failures.push(`${screen.name}: ${inner}`);
        if (screen.inView) {
          const below = await page.evaluate((selector) => {
            const boxes = [...document.querySelectorAll(selector)].map((e) => e.getBoundingClientRect());
            return boxes.length === 0 ? null : Math.max(...boxes.map((b) => b.bottom)) - window.innerHeight;
          }, screen.inView);
          if (below === null) failures.push(`${screen.name}: no ${screen.inView}`);
          else if (below > 0) failures.push(`${screen.name}: ${screen.inView} ends ${below}px below the fold`);
        }
        const file = path.join(screensDir, `${lang}-${screen.name}.png`);
        if (screen.part) await page.locator(screen.part).first().screenshot({ path: file });
        else {
          // From the top, so the fixed header sits where it belongs in the full-length picture.
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: file, fullPage: true });
        }
      }
      expect(failures).toEqual([]);
    }, TIMEOUT);
  }
});

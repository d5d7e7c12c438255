import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createDemoCase, startHarness, type Harness } from './preview';

export const TIMEOUT = 120_000;

/** A browser test file's setup on the demo case: filled before the server starts, so the first page load sees it. */
export type DemoCase = {
  h: Harness;
  page: Page;
  caseId: string;
  /** Sets the language the app reads at its next load. */
  setLanguage(lang: 'en' | 'ru'): Promise<void>;
};

/** Starts the harness on the demo case in beforeAll and stops it in afterAll; the fields are set once it has started. */
export function useDemoCase(prefix: string, viewport = { width: 1440, height: 900 }): DemoCase {
  const demo = {
    caseId: '',
    setLanguage: (lang: 'en' | 'ru') => demo.page.evaluate((l) => window.localStorage.setItem('aeo.language', l), lang),
  } as DemoCase;
  beforeAll(async () => {
    demo.h = await startHarness({
      prefix,
      viewport,
      seed: async (dataDir) => {
        demo.caseId = createDemoCase(dataDir);
      },
    });
    demo.page = demo.h.page;
  }, TIMEOUT);
  afterAll(async () => {
    await demo.h?.close();
  });
  return demo;
}

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

/** The operator a hand-made case names, as the demo's: Steppe Logistics by its BIN. */
export const STEPPE_LOGISTICS = { legalName: 'Steppe Logistics LLP', identificationNumber: '990340005521', roles: ['exporter'] };

/**
 * A browser test's own case, made through the API rather than the demo: `lead` becomes the current user and leads
 * a security-and-safety case for Steppe Logistics (or `fields.newOperator`); answers the case's id.
 */
export async function createLedCase(
  h: Harness,
  lead: { name: string; role: 'validator' | 'team_lead' },
  fields: { caseNumber: string; openedOn: string; team?: string[]; newOperator?: Record<string, unknown> },
): Promise<string> {
  await h.api('users:create', lead);
  const created = await h.api<{ id: string }>('cases:create', {
    caseNumber: fields.caseNumber,
    aeoType: 'security_safety',
    leadValidator: lead.name,
    team: fields.team ?? [],
    openedOn: fields.openedOn,
    newOperator: fields.newOperator ?? STEPPE_LOGISTICS,
  });
  return created.id;
}

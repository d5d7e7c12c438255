import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { migrationsDir } from '../../src-main/core/app-paths';
import { openStore, type Store } from '../../src-main/db/open';
import { createAppDispatcher, type Dispatch } from '../../src-main/handlers';
import { testFiles } from './local-files';

export function tempDir(prefix = 'aeo-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export type TestApp = { store: Store; dispatch: Dispatch; dataDir: string; dispose(): void };

/** A real store on a real SQLite file in a fresh temp dir, with the real handler map. */
export function openTestApp(dataDir = tempDir(), options: { clock?: () => Date } = {}): TestApp {
  const store = openStore({ dataDir, migrationsDir: migrationsDir() });
  const dispatch = createAppDispatcher(store, { fileTokens: testFiles, logError: () => undefined, ...options });
  return {
    store,
    dispatch,
    dataDir,
    dispose() {
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls a channel and returns the value, failing the test with the error envelope otherwise. */
export async function call<T = unknown>(dispatch: Dispatch, channel: string, input: unknown): Promise<T> {
  const result = await dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

export const sampleOperator = {
  legalName: 'Steppe Logistics LLP',
  identificationNumber: 'KZ-BIN-140440012345',
  roles: ['importer', 'warehouse_operator'],
  address: '12 Dostyk Ave, Almaty',
  contactPerson: 'Aigerim Sadykova',
  phone: '+7 727 123 4567',
  email: 'compliance@steppe-logistics.kz',
};

export const sampleCase = (overrides: Record<string, unknown> = {}) => ({
  caseNumber: 'AEO-2026-0001',
  aeoType: 'both',
  leadValidator: 'Dana Validator',
  team: ['Arman Team'],
  openedOn: '2026-11-02',
  dueOn: '2026-12-15',
  notes: '',
  newOperator: sampleOperator,
  ...overrides,
});

/** Creates the current user (a validator) and one sample case through `dispatch`; answers the case's id. */
export async function createUserAndCase(dispatch: Dispatch, caseOverrides: Record<string, unknown> = {}): Promise<string> {
  await call(dispatch, 'users:create', { name: 'Dana Validator', role: 'validator' });
  return (await call<{ id: string }>(dispatch, 'cases:create', sampleCase(caseOverrides))).id;
}

/** A test app whose current user is a validator, for tests that make their own records. */
export async function openAppWithUser(options: { clock?: () => Date } = {}): Promise<TestApp> {
  const app = openTestApp(tempDir(), options);
  await call(app.dispatch, 'users:create', { name: 'Dana Validator', role: 'validator' });
  return app;
}

/** A test app with its current user (a validator) and one sample case: where most domain tests start. */
export async function openAppWithCase(options: { clock?: () => Date } = {}): Promise<{ app: TestApp; caseId: string }> {
  const app = openTestApp(tempDir(), options);
  return { app, caseId: await createUserAndCase(app.dispatch) };
}

/** As openAppWithCase, with a planned site (a yard) for checklist runs. */
export async function openAppWithSite(): Promise<{ app: TestApp; caseId: string; siteId: string }> {
  const { app, caseId } = await openAppWithCase();
  const site = await call<{ id: string }>(app.dispatch, 'plan:saveSite', { caseId, name: 'Yard 1', kind: 'yard' });
  return { app, caseId, siteId: site.id };
}

/** Before each test, opens a fresh app with `open` and hands it to `take`; after the test, disposes of it. */
export function openForEachTest<T extends { app: TestApp }>(open: () => Promise<T>, take: (opened: T) => void): void {
  let opened: T | undefined;
  beforeEach(async () => {
    opened = await open();
    take(opened);
  });
  afterEach(() => opened?.app.dispose());
}

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

/** A test app with its current user (a validator) and one sample case: where most domain tests start. */
export async function openAppWithCase(options: { clock?: () => Date } = {}): Promise<{ app: TestApp; caseId: string }> {
  const app = openTestApp(tempDir(), options);
  await call(app.dispatch, 'users:create', { name: 'Dana Validator', role: 'validator' });
  const created = await call<{ id: string }>(app.dispatch, 'cases:create', sampleCase());
  return { app, caseId: created.id };
}

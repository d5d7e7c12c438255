import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import path from 'node:path';
import { openGuarded, StoreOpenError } from '../core/sqlite-guard';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export type Store = {
  readonly db: Db;
  readonly sqlite: Database.Database;
  readonly dataDir: string;
  readonly path: string;
  close(): void;
};

export { StoreOpenError };

export const DATABASE_FILE = 'aeo.sqlite';

/** `AEO_DATA_DIR` wins over the platform default (Electron's userData), for the preview server, CLI and tests. */
export function resolveDataDir(platformDefault: string): string {
  const fromEnv = process.env.AEO_DATA_DIR;
  return fromEnv && fromEnv.trim() !== '' ? path.resolve(fromEnv) : platformDefault;
}

/**
 * Opens (creating if needed) the store in `dataDir`, refuses databases this app cannot safely use, and applies
 * pending migrations in one transaction. Never deletes or recreates a file: field data is not expendable.
 */
export function openStore(options: { dataDir: string; migrationsDir: string }): Store {
  const file = path.join(options.dataDir, DATABASE_FILE);
  const { sqlite, db } = openGuarded({ ...options, file, schema, product: 'AEO Field Validator' });
  return { db, sqlite, dataDir: options.dataDir, path: file, close: () => sqlite.close() };
}

/** Runs `work` in one IMMEDIATE transaction with FULL sync, for seals and imports that must survive power loss. */
export function withFullSync<T>(store: Store, work: () => T): T {
  store.sqlite.pragma('synchronous = FULL');
  try {
    return store.sqlite.transaction(work).immediate();
  } finally {
    store.sqlite.pragma('synchronous = NORMAL');
  }
}

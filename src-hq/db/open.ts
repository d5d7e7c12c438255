import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import path from 'node:path';
import { findAppRoot } from '../../src-main/core/app-paths';
import { openGuarded } from '../../src-main/core/sqlite-guard';
import * as schema from './schema';

export type HqDb = BetterSQLite3Database<typeof schema>;
export type HqStore = { readonly db: HqDb; readonly sqlite: Database.Database; readonly dataDir: string; close(): void };

export const HQ_DATABASE_FILE = 'hq.sqlite';
export const hqMigrationsDir = (root = findAppRoot()) => path.join(root, 'migrations', 'hq');

/** HQ's store in `dataDir`, guarded like the app's: one migration transaction, newer databases refused, never wiped. */
export function openHqStore(dataDir: string, migrationsDir = hqMigrationsDir()): HqStore {
  const { sqlite, db } = openGuarded({
    dataDir,
    file: path.join(dataDir, HQ_DATABASE_FILE),
    migrationsDir,
    schema,
    product: 'AEO HQ',
  });
  return { db, sqlite, dataDir, close: () => sqlite.close() };
}

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
  /** The dispatcher calls this after every call: a quiet moment after it checkpoints the WAL (see idleCheckpoint). */
  noteActivity(): void;
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
  const idle = idleCheckpoint(sqlite);
  return {
    db,
    sqlite,
    dataDir: options.dataDir,
    path: file,
    noteActivity: idle.touch,
    close: () => {
      idle.stop();
      sqlite.close();
    },
  };
}

/** How long the store must be quiet before the WAL is copied into the database file. */
export const IDLE_CHECKPOINT_MS = 250;

/*
 * Issue 14, answer save p99: SQLite checkpoints the WAL itself inside the commit that crosses 1000 pages (about
 * every 260 answer saves, each writing ~4 pages), and that commit then pays for copying 4 MB and an fsync: the
 * 40-100 ms saves of the bench. Checkpointing after a quarter second without calls does that work while nobody
 * waits, so SQLite's own checkpoint (kept at its default, as the bound on the WAL's size) is only reached by work
 * that never pauses (a bulk import, the 10,000-save bench). Durability is unchanged: with synchronous = NORMAL a
 * commit in the WAL survives an app crash whenever the checkpoint runs, and seals and imports commit with FULL.
 */
function idleCheckpoint(sqlite: Database.Database): { touch(): void; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    timer = undefined;
    try {
      // PASSIVE never waits for readers or writers; with nothing new in the WAL it costs nothing.
      if (sqlite.open) sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or closing: the next quiet moment, or SQLite's own checkpoint, copies the pages instead.
    }
  };
  return {
    touch: () => {
      if (timer) timer.refresh();
      else timer = setTimeout(run, IDLE_CHECKPOINT_MS).unref();
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
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

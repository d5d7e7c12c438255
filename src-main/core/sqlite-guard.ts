import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { CodedError } from './coded-error';

/*
 * Opening a SQLite store safely, for any schema: the app's store (src-main/db/open.ts) and HQ's (src-hq/db/open.ts)
 * both come through here. Knows no table; it guards the file and the migration history.
 */

/** Why a store was not opened; the file is left as it was in every case. */
export class StoreOpenError extends CodedError<'newer_version' | 'corrupt' | 'migration_changed' | 'migration_failed'> {
  override readonly name = 'StoreOpenError';
}

export type GuardedOpen<S extends Record<string, unknown>> = { sqlite: Database.Database; db: BetterSQLite3Database<S> };

/**
 * Opens (creating if needed) `file`, refuses databases this program cannot safely use, and applies pending
 * migrations in one transaction. Never deletes or recreates a file: the data is not expendable. `product` names
 * the program in the "written by a newer version of …" refusal.
 */
export function openGuarded<S extends Record<string, unknown>>(options: {
  dataDir: string;
  file: string;
  migrationsDir: string;
  schema: S;
  product: string;
}): GuardedOpen<S> {
  const { file } = options;
  makePrivate(options.dataDir, file);
  const sqlite = new Database(file);
  try {
    try {
      sqlite.pragma('journal_mode = WAL');
    } catch (error) {
      throw new StoreOpenError(
        'corrupt',
        `The database file ${file} is not a readable SQLite database (${(error as Error).message}). It was left untouched.`,
      );
    }
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // NORMAL is durable across app crashes in WAL mode; seals and imports switch to FULL around their commit.
    sqlite.pragma('synchronous = NORMAL');

    const migrations = readMigrationFiles({ migrationsFolder: options.migrationsDir });
    refuseUnknownHistory(sqlite, file, migrations, options.product);
    const db = drizzle(sqlite, { schema: options.schema });
    try {
      migrate(db, { migrationsFolder: options.migrationsDir });
    } catch (error) {
      throw new StoreOpenError('migration_failed', `Updating the database ${file} failed and was rolled back: ${(error as Error).message}`);
    }
    sqlite.pragma(`user_version = ${migrations.length}`);
    return { sqlite, db };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Stored data is nobody else's business: the data folder is 0700 and the database 0600 whatever the umask. SQLite
 * gives the -wal and -shm files the database file's mode, so creating the database 0600 before SQLite opens it
 * covers all three; files left wider by an older version are narrowed here.
 */
function makePrivate(dataDir: string, file: string): void {
  if (mkdirSync(dataDir, { recursive: true, mode: 0o700 }) !== undefined) chmodSync(dataDir, 0o700);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(name)) chmodSync(name, 0o600);
  }
}

type Migration = ReturnType<typeof readMigrationFiles>[number];

/**
 * drizzle's migrator decides what to run by timestamp alone; it would open a newer database without a word and
 * never notice an edited migration. We check both before it runs.
 */
function refuseUnknownHistory(sqlite: Database.Database, file: string, migrations: Migration[], product: string): void {
  const newerVersion = (detail: string) =>
    new StoreOpenError(
      'newer_version',
      `The database ${file} was written by a newer version of ${product} (${detail}). Update the app; the data was left untouched.`,
    );
  const userVersion = Number(sqlite.pragma('user_version', { simple: true }));
  if (userVersion > migrations.length) throw newerVersion(`schema version ${userVersion}, this app knows ${migrations.length}`);
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!hasTable) return;
  const applied = sqlite.prepare('SELECT hash, created_at AS createdAt FROM __drizzle_migrations').all() as {
    hash: string;
    createdAt: number | string;
  }[];
  const known = new Map(migrations.map((m) => [m.folderMillis, m.hash]));
  for (const row of applied) {
    const knownHash = known.get(Number(row.createdAt));
    if (knownHash === undefined) throw newerVersion(`it contains migration ${row.createdAt}, unknown to this app`);
    if (knownHash !== row.hash) {
      throw new StoreOpenError(
        'migration_changed',
        `The database ${file} was migrated with a different version of migration ${row.createdAt}. It was left untouched.`,
      );
    }
  }
}

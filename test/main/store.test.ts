import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src-main/core/app-paths';
import { DATABASE_FILE, openStore, resolveDataDir, StoreOpenError } from '../../src-main/db/open';
import { tempDir } from '../support/temp-store';

const journal = JSON.parse(readFileSync(path.join(migrationsDir(), 'meta', '_journal.json'), 'utf8')) as {
  entries: { when: number; tag: string }[];
};

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function open(dataDir: string) {
  const store = openStore({ dataDir, migrationsDir: migrationsDir() });
  cleanups.push(() => store.close());
  return store;
}

function openError(dataDir: string): StoreOpenError {
  try {
    open(dataDir);
  } catch (error) {
    return error as StoreOpenError;
  }
  throw new Error('expected openStore to refuse');
}

describe('the local store', () => {
  it('creates and migrates an empty data directory, with WAL and foreign keys on', () => {
    const store = open(tempDir());
    const tables = store.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(['audit_log', 'case_steps', 'cases', 'operators', 'settings', 'users']),
    );
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(journal.entries.length);
  });

  it('reopens an existing database without reapplying migrations or losing rows', () => {
    const dir = tempDir();
    const first = open(dir);
    first.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('probe', 'kept')").run();
    first.close();
    const second = open(dir);
    expect(second.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(
      journal.entries.length,
    );
    expect(second.sqlite.prepare("SELECT value FROM settings WHERE key = 'probe'").pluck().get()).toBe('kept');
  });

  it('refuses a database written by a newer app version and leaves the file as it was', () => {
    const dir = tempDir();
    open(dir).close();
    const file = path.join(dir, DATABASE_FILE);
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', 9_999_999_999_999);
    raw.pragma(`user_version = ${journal.entries.length + 1}`);
    raw.close();
    const before = readFileSync(file);

    const error = openError(dir);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error.code).toBe('newer_version');
    expect(error.message).toContain('newer version');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database whose recorded migration differs from the shipped one', () => {
    const dir = tempDir();
    open(dir).close();
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.prepare('UPDATE __drizzle_migrations SET hash = ? WHERE rowid = (SELECT min(rowid) FROM __drizzle_migrations)').run(
      'edited',
    );
    raw.close();
    expect(openError(dir).code).toBe('migration_changed');
  });

  it('reports a corrupt database file by its path and does not replace it', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const error = openError(dir);
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(file);
    expect(readFileSync(file).every((b) => b === 0x5a)).toBe(true);
  });

  it('takes its data directory from AEO_DATA_DIR when set', () => {
    const previous = process.env.AEO_DATA_DIR;
    try {
      process.env.AEO_DATA_DIR = '/tmp/aeo-elsewhere';
      expect(resolveDataDir('/default')).toBe('/tmp/aeo-elsewhere');
      delete process.env.AEO_DATA_DIR;
      expect(resolveDataDir('/default')).toBe('/default');
    } finally {
      if (previous === undefined) delete process.env.AEO_DATA_DIR;
      else process.env.AEO_DATA_DIR = previous;
    }
  });

  it('keeps the audit log append-only at the database level', () => {
    const store = open(tempDir());
    store.sqlite
      .prepare(
        "INSERT INTO audit_log (id, at, actor_name, entity, entity_id, action, prev_hash, hash) VALUES ('x', 't', 'a', 'e', 'i', 'create', 'p', 'h')",
      )
      .run();
    expect(() => store.sqlite.prepare("UPDATE audit_log SET actor_name = 'b'").run()).toThrow(/append-only/);
    expect(() => store.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(existsSync(store.path)).toBe(true);
  });
});

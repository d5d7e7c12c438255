import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hqMigrationsDir, openHqStore } from '../../src-hq/db/open';
import { HQ_KEY_FILE } from '../../src-hq/identity';
import { listEnrollments } from '../../src-hq/trust';
import { StoreOpenError } from '../../src-main/core/sqlite-guard';
import { runAeo } from '../support/aeo-cli';
import { HQ_TEST_PASSPHRASE } from '../support/hq-fixture';

/*
 * HQ's own store follows the app's rules: migrations under migrations/hq are append-only (hashes pinned here), a
 * newer database is refused, nothing is ever wiped; `aeo hq init` makes the key 0600 and refuses to run twice.
 */

const SHIPPED: Record<string, string> = {
  '0000_hq_init.sql': '9a0d383611a4d8ea1539876749158d7a4870e39e57fe7d0af0013f2e59823ef3',
};

const dir = hqMigrationsDir();
const sha256 = (file: string) => createHash('sha256').update(readFileSync(path.join(dir, file))).digest('hex');
const tempDir = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'aeo-hq-store-')), 'hq');

describe('HQ store migrations', () => {
  it.each(Object.keys(SHIPPED))('%s is unchanged since it shipped', (file) => {
    expect(sha256(file)).toBe(SHIPPED[file]);
  });

  it('every migration file is in the journal and pinned here', () => {
    const journal = JSON.parse(readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
    expect(files).toEqual(journal.entries.map((e) => `${e.tag}.sql`).sort());
    expect(Object.keys(SHIPPED).sort()).toEqual(files);
  });

  it('refuses a database written by a newer HQ and leaves it untouched', () => {
    const dataDir = tempDir();
    openHqStore(dataDir).close();
    const file = path.join(dataDir, 'hq.sqlite');
    const raw = new Database(file);
    raw.prepare("INSERT INTO rejections (sha256, code, reason, at) VALUES (?, 'hash_mismatch', 'kept', '2026-01-01T00:00:00.000Z')").run('a'.repeat(64));
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openHqStore(dataDir)).toThrow(StoreOpenError);
    const after = new Database(file);
    expect(after.prepare('SELECT reason FROM rejections').all()).toEqual([{ reason: 'kept' }]);
    after.close();
  });

  it('reopening keeps every row (migrations run once, nothing is recreated)', () => {
    const dataDir = tempDir();
    const store = openHqStore(dataDir);
    store.sqlite.prepare("INSERT INTO enrollments (key_id, name, device_role, file, status, received_at) VALUES (?, 'Dana', 'validator', '{}', 'pending', '2026-01-01T00:00:00.000Z')").run('b'.repeat(64));
    store.close();
    const again = openHqStore(dataDir);
    expect(listEnrollments(again).map((e) => e.name)).toEqual(['Dana']);
    expect(again.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
    expect(statSync(path.join(dataDir, 'hq.sqlite')).mode & 0o777).toBe(0o600);
  });
});

describe('aeo hq init', () => {
  it('makes a 0600 HQ key and the first trust list, and refuses to run twice', async () => {
    const dataDir = tempDir();
    process.env.HQ_PASSPHRASE = HQ_TEST_PASSPHRASE;
    try {
      const first = await runAeo('hq', ['init'], { data: dataDir, name: 'Customs HQ Almaty' });
      expect(first.code, first.out).toBe(0);
      expect(first.out).toMatch(/HQ key fingerprint: ([0-9a-f]{4} ){15}[0-9a-f]{4}/);
      expect(statSync(path.join(dataDir, HQ_KEY_FILE)).mode & 0o777).toBe(0o600);
      const key = readFileSync(path.join(dataDir, HQ_KEY_FILE));
      const second = await runAeo('hq', ['init'], { data: dataDir });
      expect(second.code).toBe(1);
      expect(second.out).toMatch(/already an HQ data folder/);
      expect(readFileSync(path.join(dataDir, HQ_KEY_FILE))).toEqual(key);
    } finally {
      delete process.env.HQ_PASSPHRASE;
    }
  });

  it('the other verbs refuse a folder that is not an HQ folder, and create nothing there', async () => {
    const dataDir = tempDir();
    const answer = await runAeo('hq', ['pending'], { data: dataDir });
    expect(answer.code).toBe(1);
    expect(answer.out).toMatch(/not an HQ data folder/);
    expect(() => statSync(dataDir)).toThrow();
  });

  it('refuses without a passphrase', async () => {
    const saved = process.env.HQ_PASSPHRASE;
    delete process.env.HQ_PASSPHRASE;
    const answer = await runAeo('hq', ['init'], { data: tempDir() });
    expect(answer.code).toBe(1);
    expect(answer.out).toMatch(/HQ_PASSPHRASE/);
    if (saved) process.env.HQ_PASSPHRASE = saved;
  });
});

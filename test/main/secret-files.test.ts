import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src-main/core/app-paths';
import { copyFileAtomic, TargetExistsError, writeFileAtomic } from '../../src-main/core/fs-atomic';
import { passphraseWrapper } from '../../src-main/core/keys';
import { DATABASE_FILE, openStore } from '../../src-main/db/open';
import { createAppDispatcher } from '../../src-main/handlers';
import { PASSPHRASE } from '../support/bundle-devices';
import { call, tempDir } from '../support/temp-store';
import { runAeo } from '../support/aeo-cli';

/*
 * Issue 8, defect 3: secrets are private from the first byte, whatever the umask. A second local account can
 * read a file for as long as it is world-readable, so the mode must be right when the file is created, not
 * corrected after. Run under umask 000, where the default modes are the widest.
 */

const root = tempDir('aeo-secret-files-');
const modeOf = (file: string) => statSync(file).mode & 0o777;
let previousUmask: number;

beforeEach(() => {
  previousUmask = process.umask(0o000);
});
afterEach(() => {
  process.umask(previousUmask);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const aeo = runAeo;

/** Every mode any file in `dir` had whenever the folder changed while `work` ran. */
async function modesSeenDuring(dir: string, work: () => Promise<unknown>): Promise<Map<string, Set<number>>> {
  const seen = new Map<string, Set<number>>();
  const look = () => {
    for (const name of readdirSync(dir)) {
      try {
        const mode = modeOf(path.join(dir, name));
        seen.set(name, (seen.get(name) ?? new Set()).add(mode));
      } catch {
        // Renamed away between readdir and stat.
      }
    }
  };
  const watcher = watch(dir, look);
  try {
    await work();
  } finally {
    watcher.close();
  }
  look();
  return seen;
}

describe('data folder and database', () => {
  it('a new data folder is 0700 and the database, WAL and SHM files are 0600 under umask 000', () => {
    const dataDir = path.join(root, 'fresh', 'data');
    const store = openStore({ dataDir, migrationsDir: migrationsDir() });
    try {
      store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('probe', '1')").run();
      const file = path.join(dataDir, DATABASE_FILE);
      expect(modeOf(dataDir).toString(8)).toBe('700');
      expect(modeOf(file).toString(8)).toBe('600');
      expect(modeOf(`${file}-wal`).toString(8)).toBe('600');
      expect(modeOf(`${file}-shm`).toString(8)).toBe('600');
    } finally {
      store.close();
    }
  });

  it('a database left world-readable by an older version is narrowed to 0600 when opened', () => {
    const dataDir = path.join(root, 'older');
    const first = openStore({ dataDir, migrationsDir: migrationsDir() });
    first.close();
    const file = path.join(dataDir, DATABASE_FILE);
    // As an older version's default (0644 under umask 022) left it.
    chmodSync(file, 0o644);
    const again = openStore({ dataDir, migrationsDir: migrationsDir() });
    again.close();
    expect(modeOf(file).toString(8)).toBe('600');
  });
});

describe('writeFileAtomic / copyFileAtomic', () => {
  it('creates the file with its final mode, refuses an existing target, and replaces only when asked', async () => {
    const dir = path.join(root, 'atomic');
    mkdirSync(dir, { mode: 0o700 });
    const target = path.join(dir, 'secret.txt');
    const seen = await modesSeenDuring(dir, () => writeFileAtomic(target, 'first', { mode: 0o600 }));
    for (const modes of seen.values()) expect([...modes].map((m) => m.toString(8))).toEqual(['600']);
    expect(readFileSync(target, 'utf8')).toBe('first');

    await expect(writeFileAtomic(target, 'second', { mode: 0o600 })).rejects.toBeInstanceOf(TargetExistsError);
    await expect(copyFileAtomic(target, target)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(target, 'utf8')).toBe('first');

    await writeFileAtomic(target, 'second', { mode: 0o600, overwrite: true });
    expect(readFileSync(target, 'utf8')).toBe('second');
    const copy = path.join(dir, 'copy.txt');
    await copyFileAtomic(target, copy, { mode: 0o640 });
    expect(readFileSync(copy, 'utf8')).toBe('second');
    expect(modeOf(copy).toString(8)).toBe('640');
    // No temp file is left behind by either a success or a refusal.
    expect(readdirSync(dir).sort()).toEqual(['copy.txt', 'secret.txt']);
  });
});

describe('keys', () => {
  const passFile = path.join(root, 'pass.txt');
  const shortFile = path.join(root, 'short.txt');

  it('`aeo keys export --identity` writes the age identity 0600 from the first byte, and never over a file', async () => {
    writeFileSync(passFile, `${PASSPHRASE}\n`);
    const data = path.join(root, 'validator');
    expect((await aeo('keys', ['new'], { data, name: 'Dana Validator', 'passphrase-file': passFile })).code).toBe(0);
    const outDir = path.join(root, 'identity-out');
    mkdirSync(outDir, { mode: 0o755 });
    const out = path.join(outDir, 'dana.identity');
    let code = -1;
    const seen = await modesSeenDuring(outDir, async () => {
      code = (await aeo('keys', ['export'], { data, out, identity: true, 'passphrase-file': passFile })).code;
    });
    expect(code).toBe(0);
    expect(seen.size).toBeGreaterThan(0);
    for (const [name, modes] of seen) expect({ name, modes: [...modes].map((m) => m.toString(8)) }).toEqual({ name, modes: ['600'] });
    expect(readFileSync(out, 'utf8')).toMatch(/^AGE-SECRET-KEY-1/m);

    writeFileSync(out, 'kept');
    expect((await aeo('keys', ['export'], { data, out, identity: true, 'passphrase-file': passFile })).code).not.toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('kept');
  });

  it('a passphrase shorter than 12 characters is refused, and `aeo keys new` then leaves no user row', async () => {
    writeFileSync(shortFile, 'elevenchars\n');
    const data = path.join(root, 'short');
    const result = await aeo('keys', ['new'], { data, name: 'Short Pass', 'passphrase-file': shortFile });
    expect(result.code).not.toBe(0);
    expect(result.out).toMatch(/at least 12 characters/);
    const db = new Database(path.join(data, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM user_keys').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('keys:create through the handler map refuses a short passphrase with an issue code and stores no key', async () => {
    const store = openStore({ dataDir: path.join(root, 'handler'), migrationsDir: migrationsDir() });
    try {
      const dispatch = createAppDispatcher(store, { logError: () => undefined, secrets: passphraseWrapper('elevenchars') });
      const user = await call<{ id: string }>(dispatch, 'users:create', { name: 'Short Pass', role: 'validator' });
      await call(dispatch, 'users:switch', { id: user.id }).catch(() => undefined);
      const result = await dispatch('keys:create', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'passphrase', message: 'too_short' }] } });
      expect(store.sqlite.prepare('SELECT count(*) AS n FROM user_keys').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });
});

/** A second local account, where the machine allows (root with setpriv): the real test of a file mode. */
const canSwitchUser = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');

describe.runIf(canSwitchUser)('as another local account (setpriv to nobody)', () => {
  const asNobody = (file: string) =>
    spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', '/bin/cat', file], { encoding: 'utf8' });

  it('cannot read the database, its WAL, or an exported identity, even under umask 000', async () => {
    chmodSync(root, 0o755); // the test's own temp folder must not be what stops the other account
    const data = path.join(root, 'validator');
    const store = openStore({ dataDir: data, migrationsDir: migrationsDir() });
    try {
      store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('probe-2', '1')").run();
      for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) {
        const read = asNobody(path.join(data, name));
        expect({ name, status: read.status, stderr: read.stderr }).toMatchObject({ status: 1, stderr: expect.stringMatching(/Permission denied/) });
      }
    } finally {
      store.close();
    }
    const outDir = path.join(root, 'shared-out');
    mkdirSync(outDir, { mode: 0o777 });
    chmodSync(outDir, 0o777);
    const out = path.join(outDir, 'id.txt');
    expect((await aeo('keys', ['export'], { data, out, identity: true, 'passphrase-file': path.join(root, 'pass.txt') })).code).toBe(0);
    expect(asNobody(out)).toMatchObject({ status: 1, stderr: expect.stringMatching(/Permission denied/) });
    // The control: the same account reads a file that is meant to be public.
    writeFileSync(path.join(outDir, 'public.txt'), 'hello', { mode: 0o644 });
    expect(asNobody(path.join(outDir, 'public.txt'))).toMatchObject({ status: 0, stdout: 'hello' });
  });
});

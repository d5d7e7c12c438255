import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src-main/core/app-paths';
import { keysFromSecrets, parseSecrets, passphraseFormatOf, passphraseWrapper, unwrapWithPassphrase } from '../../src-main/core/keys';
import { verifyAuditChain } from '../../src-main/db/audit-chain';
import { openStore, type Store } from '../../src-main/db/open';
import { createAppDispatcher, type Dispatch } from '../../src-main/handlers';
import legacy from '../support/legacy-wrapped-keys.json';
import { call, tempDir } from '../support/temp-store';

/*
 * Keys wrapped before age (the legacy JSON format, made by the old core/keys.ts and frozen in
 * test/support/legacy-wrapped-keys.json) still unlock, and the first unlock rewraps them as an age file.
 */

type LegacyKey = (typeof legacy)['current'];

const opened: { store: Store; dataDir: string }[] = [];
afterEach(() => {
  for (const { store, dataDir } of opened.splice(0)) {
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

function dispatcher(store: Store, passphrase: string): Dispatch {
  return createAppDispatcher(store, { logError: () => undefined, secrets: passphraseWrapper(passphrase) });
}

/** A device whose user holds `key` exactly as an old version of the app stored it. */
async function deviceWithLegacyKey(key: LegacyKey): Promise<{ store: Store; dataDir: string; userId: string }> {
  const dataDir = tempDir('aeo-keymig-');
  const store = openStore({ dataDir, migrationsDir: migrationsDir() });
  opened.push({ store, dataDir });
  const user = await call<{ id: string }>(dispatcher(store, key.passphrase), 'users:create', { name: 'Aigerim Sadykova', role: 'validator' });
  store.sqlite
    .prepare(
      `INSERT INTO user_keys (key_id, user_id, signing_public_key, age_recipient, wrapped_secret, wrap_method, created_at, retired_at)
       VALUES (?, ?, ?, ?, ?, 'passphrase', '2026-01-15T09:00:00.000Z', NULL)`,
    )
    .run(key.keyId, user.id, key.signingPublicKey, key.ageRecipient, Buffer.from(key.wrappedSecret, 'utf8'));
  return { store, dataDir, userId: user.id };
}

function storedBlob(store: Store, keyId: string): Buffer {
  return (store.sqlite.prepare('SELECT wrapped_secret AS w FROM user_keys WHERE key_id = ?').get(keyId) as { w: Buffer }).w;
}

type AuditRow = { actor_id: string | null; entity_id: string; action: string; field: string | null; before: string | null; after: string | null };
function rewrapAudits(store: Store): AuditRow[] {
  return store.sqlite
    .prepare("SELECT actor_id, entity_id, action, field, before, after FROM audit_log WHERE entity = 'user_key' ORDER BY seq")
    .all() as AuditRow[];
}

describe('keys wrapped in the legacy passphrase format', () => {
  it('the fixture is the legacy format and holds the keys it names', async () => {
    const blob = Buffer.from(legacy.current.wrappedSecret, 'utf8');
    expect(passphraseFormatOf(blob)).toBe('legacy-json');
    const keys = await keysFromSecrets(parseSecrets(await unwrapWithPassphrase(blob, legacy.current.passphrase)));
    expect(keys.keyId).toBe(legacy.current.keyId);
    expect(keys.ageRecipient).toBe(legacy.current.ageRecipient);
    await expect(unwrapWithPassphrase(blob, 'not the passphrase at all')).rejects.toMatchObject({ code: 'wrong_passphrase' });
  });

  it('unlock, then are rewrapped as an age file in one audited step, once', async () => {
    const { store, dataDir, userId } = await deviceWithLegacyKey(legacy.current);
    const dispatch = dispatcher(store, legacy.current.passphrase);
    const before = parseSecrets(await unwrapWithPassphrase(Buffer.from(legacy.current.wrappedSecret, 'utf8'), legacy.current.passphrase));

    const exported = await call<{ keyId: string }>(dispatch, 'keys:exportEnrollment', {});
    expect(exported.keyId).toBe(legacy.current.keyId);

    const rewrapped = storedBlob(store, legacy.current.keyId);
    expect(passphraseFormatOf(rewrapped)).toBe('age-scrypt');
    const after = parseSecrets(await unwrapWithPassphrase(rewrapped, legacy.current.passphrase));
    expect(after.ageIdentity).toBe(before.ageIdentity);
    expect(Buffer.from(after.signingSecretKey).equals(Buffer.from(before.signingSecretKey))).toBe(true);
    expect(rewrapAudits(store)).toEqual([
      {
        actor_id: userId,
        entity_id: legacy.current.keyId,
        action: 'update',
        field: 'wrapFormat',
        before: 'legacy-json',
        after: 'age-scrypt',
      },
    ]);
    expect(verifyAuditChain(store.sqlite).ok).toBe(true);

    // The rewrapped key is a standard age file: `age -d` opens it with the same passphrase.
    const file = path.join(dataDir, 'key.age');
    writeFileSync(file, rewrapped);
    const out = path.join(dataDir, 'key.json');
    execFileSync('script', ['-qec', `age -d -o '${out}' '${file}'`, '/dev/null'], {
      input: `${legacy.current.passphrase}\n`,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    expect(parseSecrets(readFileSync(out)).ageIdentity).toBe(before.ageIdentity);

    // The next unlock finds nothing to migrate.
    await call(dispatch, 'keys:exportEnrollment', {});
    expect(storedBlob(store, legacy.current.keyId).equals(rewrapped)).toBe(true);
    expect(rewrapAudits(store)).toHaveLength(1);
  });

  it('a wrong passphrase neither unlocks nor touches them', async () => {
    const { store } = await deviceWithLegacyKey(legacy.current);
    const result = await dispatcher(store, 'not the passphrase at all')('keys:exportEnrollment', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(storedBlob(store, legacy.current.keyId).toString('utf8')).toBe(legacy.current.wrappedSecret);
    expect(rewrapAudits(store)).toEqual([]);
  });

  it('made with a passphrase shorter than today’s minimum, they still unlock and stay as they are', async () => {
    expect(legacy.weak.passphrase.length).toBeLessThan(12);
    const { store } = await deviceWithLegacyKey(legacy.weak);
    const exported = await call<{ keyId: string }>(dispatcher(store, legacy.weak.passphrase), 'keys:exportEnrollment', {});
    expect(exported.keyId).toBe(legacy.weak.keyId);
    expect(passphraseFormatOf(storedBlob(store, legacy.weak.keyId))).toBe('legacy-json');
    expect(rewrapAudits(store)).toEqual([]);
  });
});

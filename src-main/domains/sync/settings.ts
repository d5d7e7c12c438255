import { eq } from 'drizzle-orm';
import { HqKeyPin, SyncSettings } from '../../contract/sync';
import { nowUtc } from '../../core/ids';
import { fingerprint } from '../../core/keys';
import { appendAudit, type Actor } from '../../db/audit-chain';
import type { Store } from '../../db/open';
import { settings } from '../../db/schema';

/*
 * Where HQ is and which HQ key this device trusts for it, in the device's `settings` table: the address (empty by
 * default: no HQ, and everything else works the same) and the HQ key pinned at enrollment after the user compared
 * its fingerprint with the one HQ gave them. Changing the address unpins the key: another server proves nothing
 * about its key by answering at an address.
 */

const KEYS = { hqUrl: 'sync_hq_url', hqKey: 'sync_hq_key', lastSuccessAt: 'sync_last_success_at' } as const;

function read(store: Store, key: string): string | null {
  return store.db.select().from(settings).where(eq(settings.key, key)).get()?.value ?? null;
}

function write(store: Store, key: string, value: string | null): void {
  if (value === null) store.db.delete(settings).where(eq(settings.key, key)).run();
  else store.db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

export function syncSettings(store: Store): SyncSettings {
  let hqKey: HqKeyPin | null = null;
  const stored = read(store, KEYS.hqKey);
  if (stored) {
    try {
      const parsed = HqKeyPin.safeParse(JSON.parse(stored));
      hqKey = parsed.success ? parsed.data : null;
    } catch {
      hqKey = null;
    }
  }
  return SyncSettings.parse({ hqUrl: read(store, KEYS.hqUrl) ?? '', hqKey });
}

/** Sets the HQ address (audited); a different address unpins the HQ key. */
export function configureHq(store: Store, actor: Actor, hqUrl: string): SyncSettings {
  return store.db.transaction(() => {
    const before = syncSettings(store);
    const url = hqUrl.trim().replace(/\/+$/, '');
    if (url === before.hqUrl) return before;
    write(store, KEYS.hqUrl, url === '' ? null : url);
    const changes = [{ entity: 'sync_settings', entityId: 'hq', action: 'update' as const, field: 'hqUrl', before: before.hqUrl, after: url }];
    if (before.hqKey) {
      write(store, KEYS.hqKey, null);
      changes.push({ entity: 'sync_settings', entityId: 'hq', action: 'update', field: 'hqKey', before: before.hqKey.keyId, after: '' });
    }
    appendAudit(store.sqlite, actor, changes);
    return syncSettings(store);
  });
}

/** Pins HQ's key (the user confirmed its fingerprint, or the installed trust list vouches for it); audited. */
export function pinHqKey(store: Store, actor: Actor, keyId: string): SyncSettings {
  return store.db.transaction(() => {
    const before = syncSettings(store);
    if (before.hqKey?.keyId === keyId) return before;
    const pin: HqKeyPin = { keyId, fingerprint: fingerprint(keyId), pinnedAt: nowUtc() };
    write(store, KEYS.hqKey, JSON.stringify(pin));
    appendAudit(store.sqlite, actor, [
      { entity: 'sync_settings', entityId: 'hq', action: 'update', field: 'hqKey', before: before.hqKey?.keyId ?? '', after: keyId },
    ]);
    return syncSettings(store);
  });
}

/** When a round last reached HQ and finished; operational, like a file's mtime, so not in the audit chain. */
export function lastSuccessAt(store: Store): string | null {
  return read(store, KEYS.lastSuccessAt);
}

export function recordSuccess(store: Store, at = nowUtc()): void {
  write(store, KEYS.lastSuccessAt, at);
}

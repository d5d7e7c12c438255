import { and, eq, isNull } from 'drizzle-orm';
import path from 'node:path';
import type { KeysStatus } from '../contract/keys';
import { AppError, refusal } from '../contract/result';
import { writeFileAtomic } from '../core/fs-atomic';
import { createEnrollment, lookupKey } from '../core/bundle/trust-list';
import { newId, nowUtc } from '../core/ids';
import {
  KeyWrapError,
  fingerprint,
  generateUserKeys,
  keyIdOf,
  keysFromSecrets,
  parseSecrets,
  passphraseFormatOf,
  serializeSecrets,
  type UserKeys,
} from '../core/keys';
import { appendAudit, type Actor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { settings, userKeys, users } from '../db/schema';
import { requireActor, requireHost, type HandlerContext, type HandlerMap } from '../kernel/context';
import { installedTrustList } from './trust';

/*
 * Each user on a device gets an Ed25519 signing key and an X25519 age identity. The private halves are wrapped by
 * the injected SecretWrapper (the OS keychain in the app, a passphrase elsewhere) before they touch the database,
 * and unwrapped only for the moment a seal is signed or a bundle decrypted.
 */

const DEVICE_ID = 'device_id';

/** This installation's id, made on first use: it goes into every bundle sealed here. */
export function deviceId(store: Store): string {
  const row = store.db.select().from(settings).where(eq(settings.key, DEVICE_ID)).get();
  if (row) return row.value;
  const id = newId();
  store.db.insert(settings).values({ key: DEVICE_ID, value: id }).onConflictDoNothing().run();
  return store.db.select().from(settings).where(eq(settings.key, DEVICE_ID)).get()?.value ?? id;
}

export type KeyRow = typeof userKeys.$inferSelect;

export function activeKey(store: Store, userId: string): KeyRow | null {
  return store.db.select().from(userKeys).where(and(eq(userKeys.userId, userId), isNull(userKeys.retiredAt))).get() ?? null;
}

export function requireKey(ctx: HandlerContext, actor: Actor): KeyRow {
  const key = actor.id ? activeKey(ctx.store, actor.id) : null;
  if (!key) throw refusal('not_found', 'no_keys', `${actor.name} has no keys on this device yet. Create them first (keys:create).`);
  return key;
}

/** The private keys of `key`, unwrapped; checked against the stored public key. */
export async function unlockKeys(ctx: HandlerContext, key: KeyRow): Promise<UserKeys> {
  if (key.wrapMethod !== ctx.secrets.method) {
    throw refusal(
      'unavailable',
      'keys_need_command_line',
      key.wrapMethod === 'passphrase'
        ? 'These keys are protected by a passphrase; use the command line (AEO_PASSPHRASE or --passphrase-file) to unlock them.'
        : "These keys are protected by the desktop app's keychain; open them in the app.",
      { wrapMethod: key.wrapMethod },
    );
  }
  const reason = ctx.secrets.unavailableReason();
  if (reason) throw refusal('unavailable', 'keychain_unavailable', reason);
  let keys: UserKeys;
  let plain: Uint8Array;
  try {
    plain = await ctx.secrets.unwrap(key.wrappedSecret);
    keys = await keysFromSecrets(parseSecrets(plain));
  } catch (error) {
    if (error instanceof KeyWrapError) {
      throw error.code === 'wrong_passphrase'
        ? refusal('forbidden', 'wrong_passphrase', error.message)
        : refusal('unavailable', 'keychain_unavailable', error.message);
    }
    throw error;
  }
  if (keys.keyId !== key.keyId || keys.ageRecipient !== key.ageRecipient) {
    throw refusal('internal', 'keys_mismatch', 'The stored private keys do not match their public keys.');
  }
  if (ctx.secrets.outdated?.(key.wrappedSecret)) await rewrapKeys(ctx, key, plain);
  return keys;
}

/**
 * Moves keys found in a superseded wrapping (the legacy passphrase JSON) to the current one, right after they
 * unlocked: the fresh blob is unwrapped once more and compared before it replaces the old, in one transaction
 * with its audit entry, and only if nobody rewrapped the row meanwhile. A passphrase the current rules refuse
 * (shorter than 12 characters) leaves the keys as they were: they still unlock, and replacing them is the way out.
 */
async function rewrapKeys(ctx: HandlerContext, key: KeyRow, plain: Uint8Array): Promise<void> {
  let fresh: Uint8Array;
  try {
    fresh = await ctx.secrets.wrap(plain);
    if (!Buffer.from(await ctx.secrets.unwrap(fresh)).equals(Buffer.from(plain))) return;
  } catch (error) {
    if (error instanceof KeyWrapError) return;
    throw error;
  }
  const owner = ctx.store.db.select().from(users).where(eq(users.id, key.userId)).get();
  const actor: Actor = owner ? { id: owner.id, name: owner.name } : { id: key.userId, name: key.userId };
  ctx.store.db.transaction(() => {
    const result = ctx.store.db
      .update(userKeys)
      .set({ wrappedSecret: Buffer.from(fresh) })
      .where(and(eq(userKeys.keyId, key.keyId), eq(userKeys.wrappedSecret, key.wrappedSecret)))
      .run();
    if (result.changes !== 1) return;
    appendAudit(ctx.store.sqlite, actor, [
      { entity: 'user_key', entityId: key.keyId, action: 'update', field: 'wrapFormat', before: passphraseFormatOf(key.wrappedSecret), after: passphraseFormatOf(fresh) },
    ]);
  });
}

export function keysStatus(ctx: HandlerContext): KeysStatus {
  const actor = ctx.currentActor();
  const key = actor?.id ? activeKey(ctx.store, actor.id) : null;
  const reason = ctx.secrets.unavailableReason();
  const trust = installedTrustList(ctx.store);
  const lookup = key && trust ? lookupKey(trust, key.keyId, new Date()) : null;
  return {
    deviceId: deviceId(ctx.store),
    user: actor?.id ? { id: actor.id, name: actor.name } : null,
    key: key
      ? {
          keyId: key.keyId,
          fingerprint: fingerprint(key.keyId),
          ageRecipient: key.ageRecipient,
          wrapMethod: key.wrapMethod,
          createdAt: key.createdAt,
        }
      : null,
    protection: { method: ctx.secrets.method, available: reason === null, reason },
    trust: {
      status: !trust ? 'no_trust_list' : lookup ? lookup.status : 'unknown',
      role: lookup?.member?.role ?? null,
      trustListVersion: trust?.version ?? null,
    },
  };
}

export function fileError(error: unknown, what: string): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOSPC: 'the target is full',
    EROFS: 'the target is read-only',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: 'the folder does not exist',
    EIO: 'the device failed (was it removed?)',
    ENODEV: 'the device is gone',
    EEXIST: 'a file with that name already exists',
  };
  const reason = (code && reasons[code]) ?? (error as Error).message;
  return new AppError(code === 'EEXIST' ? 'conflict' : 'unavailable', `${what}: ${reason}. Nothing was written.`);
}

export const keysHandlers: HandlerMap<'keys'> = {
  'keys:status': (ctx) => keysStatus(ctx),

  'keys:create': async (ctx, input) => {
    const actor = requireActor(ctx);
    const userId = actor.id;
    if (!userId) throw new AppError('forbidden', 'Choose who is working on this device first.');
    const reason = ctx.secrets.unavailableReason();
    if (reason) throw refusal('unavailable', 'keychain_unavailable', reason);
    const existing = activeKey(ctx.store, userId);
    if (existing && !input.replace) {
      throw refusal('conflict', 'keys_exist', `${actor.name} already has keys (${fingerprint(existing.keyId).slice(0, 19)}…). Replace them explicitly.`);
    }
    const keys = await generateUserKeys();
    let wrapped: Uint8Array;
    try {
      wrapped = await ctx.secrets.wrap(serializeSecrets({ signingSecretKey: keys.signingSecretKey, ageIdentity: keys.ageIdentity }));
    } catch (error) {
      if (error instanceof KeyWrapError && error.code === 'weak_passphrase') {
        throw new AppError('invalid_input', error.message, [{ path: 'passphrase', message: 'too_short', code: 'weak_passphrase' }]);
      }
      if (error instanceof KeyWrapError) throw refusal('unavailable', 'keychain_unavailable', error.message);
      throw error;
    }
    const now = nowUtc();
    ctx.store.db.transaction(() => {
      const changes = [];
      if (existing) {
        ctx.store.db.update(userKeys).set({ retiredAt: now }).where(eq(userKeys.keyId, existing.keyId)).run();
        changes.push({ entity: 'user_key', entityId: existing.keyId, action: 'update' as const, field: 'retiredAt', before: null, after: now });
      }
      ctx.store.db
        .insert(userKeys)
        .values({
          keyId: keys.keyId,
          userId,
          signingPublicKey: Buffer.from(keys.signingPublicKey).toString('base64'),
          ageRecipient: keys.ageRecipient,
          wrappedSecret: Buffer.from(wrapped),
          wrapMethod: ctx.secrets.method,
          createdAt: now,
          retiredAt: null,
        })
        .run();
      changes.push({
        entity: 'user_key',
        entityId: keys.keyId,
        action: 'create' as const,
        after: { userId, keyId: keys.keyId, ageRecipient: keys.ageRecipient, wrapMethod: ctx.secrets.method },
      });
      appendAudit(ctx.store.sqlite, actor, changes);
    });
    if (keyIdOf(keys.signingPublicKey) !== keys.keyId) throw new AppError('internal', 'key id mismatch');
    return keysStatus(ctx);
  },

  'keys:exportEnrollment': async (ctx, input) => {
    const actor = requireActor(ctx);
    const key = requireKey(ctx, actor);
    const user = ctx.store.db.select().from(users).where(eq(users.id, key.userId)).get();
    if (!user) throw new AppError('not_found', 'The key belongs to no user on this device.');
    // The file is signed by the key it enrolls: HQ sees proof that whoever sends it holds the private key.
    const keys = await unlockKeys(ctx, key);
    const content = createEnrollment(
      {
        _type: 'https://aeo-validator.example/enrollment/v1',
        name: user.name,
        userId: user.id,
        deviceId: deviceId(ctx.store),
        deviceRole: user.role,
        keyId: key.keyId,
        signingKey: key.signingPublicKey,
        ageRecipient: key.ageRecipient,
        createdAt: nowUtc(),
      },
      { keyId: keys.keyId, secretKey: keys.signingSecretKey },
    );
    const safeName = user.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '') || 'user';
    const fileName = `${safeName}-${key.keyId.slice(0, 8)}.enrollment.json`;
    let saved = false;
    if (input.save) {
      // The target comes only from the system's save dialog (which asks before replacing a file), never the page.
      const host = requireHost(ctx);
      if (!host.chooseSavePath) throw refusal('unavailable', 'no_save_dialog', 'This app cannot show a save dialog; download the file instead.');
      const chosen = await host.chooseSavePath(fileName, { name: 'Enrollment', extensions: ['json'] });
      if (chosen !== null) {
        try {
          await writeFileAtomic(chosen, content);
        } catch (error) {
          throw fileError(error, `Could not write ${path.basename(chosen)}`);
        }
        saved = true;
      }
    }
    return {
      keyId: key.keyId,
      fingerprint: fingerprint(key.keyId),
      fileName,
      content: content.toString('utf8'),
      saved,
    };
  },
};

import type { Signer } from '../core/bundle/dsse';
import { passphraseFrom, passphraseWrapper } from '../core/keys';
import type { Store } from '../db/open';
import { currentUser } from '../domains/users';
import { AppError } from '../contract/result';
import { TargetExistsError, writeFileAtomic } from '../core/fs-atomic';
import { requireKey, unlockKeys } from '../domains/keys';
import { requireActor, type HandlerContext } from '../handlers/registry';

/*
 * The two CLI operations that need a private key outside the handler map: signing a trust list (HQ) and writing
 * the age identity to a file for `age -d` / `aeo verify`. Both unlock the current user's keys with the passphrase.
 */

function cliContext(store: Store, values: Record<string, unknown>): HandlerContext {
  const passphraseFile = typeof values['passphrase-file'] === 'string' ? values['passphrase-file'] : undefined;
  return {
    store,
    currentActor: () => {
      const user = currentUser(store);
      return user ? { id: user.id, name: user.name } : null;
    },
    logError: (channel, error) => console.error(`[${channel}]`, error),
    progress: () => undefined,
    secrets: passphraseWrapper(passphraseFrom({ file: passphraseFile })),
  };
}

async function unlocked(store: Store, values: Record<string, unknown>) {
  const ctx = cliContext(store, values);
  const actor = requireActor(ctx);
  return unlockKeys(ctx, requireKey(ctx, actor));
}

export async function signerOf(store: Store, values: Record<string, unknown>): Promise<Signer> {
  const keys = await unlocked(store, values);
  return { keyId: keys.keyId, secretKey: keys.signingSecretKey };
}

export async function exportIdentity(store: Store, values: Record<string, unknown>, out: string): Promise<void> {
  const keys = await unlocked(store, values);
  const text = `# AEO Field Validator age identity, exported ${new Date().toISOString()}\n# public key: ${keys.ageRecipient}\n${keys.ageIdentity}\n`;
  // 0600 from the first byte: the identity decrypts every bundle sealed to this user.
  try {
    await writeFileAtomic(out, text, { mode: 0o600 });
  } catch (error) {
    if (error instanceof TargetExistsError) throw new AppError('conflict', `${error.message} Choose another name or delete it first.`);
    throw error;
  }
}

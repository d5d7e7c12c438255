import { safeStorage } from 'electron';
import type { SecretWrapper } from '../core/keys';

/**
 * Private keys at rest are wrapped by the OS keychain through safeStorage. On Linux without a keyring Electron
 * falls back to `basic_text`, a hard-coded key: that is no protection, so we refuse rather than pretend.
 */
export class SecretStorageUnavailable extends Error {}

function assertProtected(): void {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new SecretStorageUnavailable('The operating system keychain is not available; secrets cannot be stored.');
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    throw new SecretStorageUnavailable(
      'No desktop keyring (GNOME Keyring or KWallet) is running; refusing to store secrets with a built-in key.',
    );
  }
}

export function wrapSecret(plain: Uint8Array): Buffer {
  assertProtected();
  return safeStorage.encryptString(Buffer.from(plain).toString('base64'));
}

export function unwrapSecret(wrapped: Buffer): Uint8Array {
  assertProtected();
  return Buffer.from(safeStorage.decryptString(wrapped), 'base64');
}

/** The app's SecretWrapper for private keys: the OS keychain, failing closed exactly as above. */
export function safeStorageWrapper(): SecretWrapper {
  return {
    method: 'safe-storage',
    unavailableReason() {
      try {
        assertProtected();
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    },
    wrap: (plain) => Promise.resolve(wrapSecret(plain)),
    unwrap: (wrapped) => Promise.resolve(unwrapSecret(Buffer.from(wrapped))),
  };
}

import type { SafeStorage } from 'electron';
import type { SecretWrapper } from '../core/keys';

/**
 * Private keys at rest are wrapped by the OS keychain through safeStorage. On Linux without a keyring Electron
 * falls back to `basic_text`, a hard-coded key: that is no protection, so we refuse rather than pretend.
 */
export class SecretStorageUnavailable extends Error {}

/** The part of Electron's safeStorage used here: main.ts passes the real one, a test passes a fake. */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
>;

function assertProtected(safeStorage: SafeStorageLike, platform: NodeJS.Platform): void {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new SecretStorageUnavailable('The operating system keychain is not available; secrets cannot be stored.');
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    throw new SecretStorageUnavailable(
      'No desktop keyring (GNOME Keyring or KWallet) is running; refusing to store secrets with a built-in key.',
    );
  }
}

/** The app's SecretWrapper for private keys: the OS keychain, failing closed exactly as above. */
export function safeStorageWrapper(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretWrapper {
  return {
    method: 'safe-storage',
    unavailableReason() {
      try {
        assertProtected(safeStorage, platform);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    },
    wrap(plain) {
      assertProtected(safeStorage, platform);
      return Promise.resolve(safeStorage.encryptString(Buffer.from(plain).toString('base64')));
    },
    unwrap(wrapped) {
      assertProtected(safeStorage, platform);
      return Promise.resolve(Buffer.from(safeStorage.decryptString(Buffer.from(wrapped)), 'base64'));
    },
  };
}

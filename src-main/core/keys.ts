import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MIN_PASSPHRASE_LENGTH, Passphrase } from '../contract/keys';
import { CodedError } from './coded-error';
import { ed25519PublicKey } from './ed25519-sign';
import { LegacyUnwrapError, looksLegacy, unwrapLegacy } from './keys-legacy';
import { NativeScryptIdentity } from './scrypt-identity';

/*
 * A user's keys on a device: an Ed25519 signing key (bundles and trust lists are signed with it) and an X25519 age
 * identity (bundles are encrypted to it). The key id is the hex SHA-256 of the 32-byte Ed25519 public key; users
 * compare it as a grouped fingerprint. Private keys never rest unwrapped: the app wraps them with the OS keychain
 * (safeStorage), the CLI and tests with a passphrase as an age file (scrypt recipient). Pure Node; no Electron, no database.
 */

export type UserKeys = {
  keyId: string;
  signingPublicKey: Uint8Array;
  signingSecretKey: Uint8Array;
  ageIdentity: string;
  ageRecipient: string;
};
export type PublicKeys = Pick<UserKeys, 'keyId' | 'signingPublicKey' | 'ageRecipient'>;

export const KEY_ID = /^[0-9a-f]{64}$/;
export const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
export const AGE_IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

export function keyIdOf(signingPublicKey: Uint8Array): string {
  return createHash('sha256').update(signingPublicKey).digest('hex');
}

/** The key id as users read it aloud: sixteen groups of four hex digits. */
export function fingerprint(hex: string): string {
  return hex.match(/.{1,4}/g)?.join(' ') ?? hex;
}

/** How a bundle names who can read it: the hex SHA-256 of the recipient string `age1…`. */
export function recipientFingerprint(recipient: string): string {
  return createHash('sha256').update(recipient, 'utf8').digest('hex');
}

export async function generateUserKeys(): Promise<UserKeys> {
  // An Ed25519 secret key is 32 random bytes (RFC 8032 §5.1.5).
  const signingSecretKey = new Uint8Array(randomBytes(32));
  const signingPublicKey = ed25519PublicKey(signingSecretKey);
  const ageIdentity = await generateX25519Identity();
  const ageRecipient = await identityToRecipient(ageIdentity);
  return { keyId: keyIdOf(signingPublicKey), signingPublicKey, signingSecretKey, ageIdentity, ageRecipient };
}

/** Rebuilds the public half from the secrets, and checks it against what was stored beside them. */
export async function keysFromSecrets(secrets: KeySecrets): Promise<UserKeys> {
  const signingPublicKey = ed25519PublicKey(secrets.signingSecretKey);
  return {
    keyId: keyIdOf(signingPublicKey),
    signingPublicKey,
    signingSecretKey: secrets.signingSecretKey,
    ageIdentity: secrets.ageIdentity,
    ageRecipient: await identityToRecipient(secrets.ageIdentity),
  };
}

export type KeySecrets = { signingSecretKey: Uint8Array; ageIdentity: string };

export function serializeSecrets(secrets: KeySecrets): Uint8Array {
  return Buffer.from(
    JSON.stringify({ v: 1, ed25519: Buffer.from(secrets.signingSecretKey).toString('base64'), age: secrets.ageIdentity }),
    'utf8',
  );
}

export function parseSecrets(bytes: Uint8Array): KeySecrets {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new KeyWrapError('corrupt', 'The stored private keys are damaged.');
  }
  const v = value as { v?: unknown; ed25519?: unknown; age?: unknown };
  if (v.v !== 1 || typeof v.ed25519 !== 'string' || typeof v.age !== 'string' || !AGE_IDENTITY.test(v.age)) {
    throw new KeyWrapError('corrupt', 'The stored private keys are damaged.');
  }
  const signingSecretKey = Buffer.from(v.ed25519, 'base64');
  if (signingSecretKey.length !== 32) throw new KeyWrapError('corrupt', 'The stored private keys are damaged.');
  return { signingSecretKey: new Uint8Array(signingSecretKey), ageIdentity: v.age };
}

/* ---- wrapping ---- */

export type WrapMethod = 'safe-storage' | 'passphrase';

export class KeyWrapError extends CodedError<'unavailable' | 'wrong_passphrase' | 'weak_passphrase' | 'corrupt' | 'method_mismatch'> {
  override readonly name = 'KeyWrapError';
}

/**
 * How private keys are protected at rest on this device. The app injects one backed by Electron's safeStorage;
 * the CLI, the preview server and tests inject a passphrase wrapper. `unavailableReason()` is null when it works.
 */
export interface SecretWrapper {
  readonly method: WrapMethod;
  unavailableReason(): string | null;
  wrap(plain: Uint8Array): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array): Promise<Uint8Array>;
  /** True when `wrapped` unwraps but is in a superseded format: the caller rewraps it after the next unlock. */
  outdated?(wrapped: Uint8Array): boolean;
}

/*
 * Passphrase wrapping is age's own passphrase (scrypt) recipient, through age-encryption: a wrapped key is a
 * standard age file, so `age -d` opens it with the passphrase (the secrets inside are the JSON of serializeSecrets).
 * Work factor 2^15, not age's default 2^18: age-encryption runs scrypt in JavaScript and synchronously, so 2^18
 * costs about 3 s per unlock on a busy two-core machine (every CLI command that signs or decrypts, every test
 * device) and stalls the preview server meanwhile; 2^15 takes a few hundred milliseconds. The 12-character minimum
 * passphrase carries the rest, and the file stays on the device. Files made with `age -p` (2^18) unlock too.
 */
export const SCRYPT_LOG_N = 15;
/** age-encryption refuses more than 2^20 on decryption; we refuse the same, before any scrypt runs. */
const MAX_SCRYPT_LOG_N = 20;
const AGE_SCRYPT_HEADER = /^age-encryption\.org\/v1\n-> scrypt [A-Za-z0-9+/]{22} ([1-9][0-9]?)\n/;

export type PassphraseFormat = 'age-scrypt' | 'legacy-json';

/** Which passphrase format a stored blob is in, or null when it is neither (e.g. safeStorage output). */
export function passphraseFormatOf(wrapped: Uint8Array): PassphraseFormat | null {
  if (looksLegacy(wrapped)) return 'legacy-json';
  return AGE_SCRYPT_HEADER.test(Buffer.from(wrapped.subarray(0, 96)).toString('latin1')) ? 'age-scrypt' : null;
}

/** An age file encrypted to `passphrase` (age's scrypt recipient, work factor 2^logN). */
export async function wrapWithPassphrase(plain: Uint8Array, passphrase: string, logN = SCRYPT_LOG_N): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  // NFC as the legacy format did: the same passphrase typed on another keyboard layout or OS still unlocks.
  encrypter.setPassphrase(passphrase.normalize('NFC'));
  encrypter.setScryptWorkFactor(logN);
  return encrypter.encrypt(plain);
}

/** Opens an age passphrase file, or a key wrapped in the legacy JSON format (keys-legacy.ts). */
export async function unwrapWithPassphrase(wrapped: Uint8Array, passphrase: string): Promise<Uint8Array> {
  if (looksLegacy(wrapped)) return unwrapLegacyKey(wrapped, passphrase);
  const header = AGE_SCRYPT_HEADER.exec(Buffer.from(wrapped.subarray(0, 96)).toString('latin1'));
  if (!header) throw new KeyWrapError('method_mismatch', 'These keys were not wrapped with a passphrase.');
  if (Number(header[1]) > MAX_SCRYPT_LOG_N) throw new KeyWrapError('corrupt', 'The wrapped keys are damaged or in an unknown format.');
  const decrypter = new Decrypter();
  // age-encryption's scrypt identity, with scrypt in node:crypto (why: scrypt-identity.ts).
  decrypter.addIdentity(new NativeScryptIdentity(passphrase.normalize('NFC')));
  try {
    return await decrypter.decrypt(wrapped);
  } catch (error) {
    // age-encryption says so when the scrypt stanza does not open with this passphrase; anything else is damage.
    if (error instanceof Error && /no identity matched/.test(error.message)) {
      throw new KeyWrapError('wrong_passphrase', 'Wrong passphrase: the private keys could not be unlocked.');
    }
    throw new KeyWrapError('corrupt', 'The wrapped keys are damaged.');
  }
}

async function unwrapLegacyKey(wrapped: Uint8Array, passphrase: string): Promise<Uint8Array> {
  try {
    return await unwrapLegacy(wrapped, passphrase);
  } catch (error) {
    if (!(error instanceof LegacyUnwrapError)) throw error;
    if (error.failure === 'wrong_passphrase') {
      throw new KeyWrapError('wrong_passphrase', 'Wrong passphrase: the private keys could not be unlocked.');
    }
    if (error.failure === 'not_legacy') throw new KeyWrapError('method_mismatch', 'These keys were not wrapped with a passphrase.');
    throw new KeyWrapError('corrupt', 'The wrapped keys are damaged or in an unknown format.');
  }
}

export const WEAK_PASSPHRASE = `The passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters.`;

export function passphraseWrapper(passphrase: string | null | undefined, logN = SCRYPT_LOG_N): SecretWrapper {
  const missing =
    'No passphrase: set AEO_PASSPHRASE or pass --passphrase-file to protect the private keys outside the desktop app.';
  return {
    method: 'passphrase',
    unavailableReason: () => (passphrase ? null : missing),
    wrap: async (plain) => {
      if (!passphrase) throw new KeyWrapError('unavailable', missing);
      // Only new keys are refused: keys wrapped before this rule must still unlock so they can be replaced.
      if (!Passphrase.safeParse(passphrase).success) throw new KeyWrapError('weak_passphrase', WEAK_PASSPHRASE);
      return wrapWithPassphrase(plain, passphrase, logN);
    },
    unwrap: (wrapped) => {
      if (!passphrase) throw new KeyWrapError('unavailable', missing);
      return unwrapWithPassphrase(wrapped, passphrase);
    },
    outdated: (wrapped) => passphraseFormatOf(wrapped) === 'legacy-json',
  };
}

/** `--passphrase-file` wins over AEO_PASSPHRASE; the file's trailing newline is not part of the passphrase. */
export function passphraseFrom(options: { file?: string | undefined; env?: NodeJS.ProcessEnv }): string | null {
  if (options.file) return readFileSync(options.file, 'utf8').replace(/\r?\n$/, '');
  const fromEnv = (options.env ?? process.env).AEO_PASSPHRASE;
  return fromEnv && fromEnv.length > 0 ? fromEnv : null;
}

/** Reads an age identity file (age-keygen format: comments, then `AGE-SECRET-KEY-1…` lines). */
export function parseIdentityFile(text: string): string[] {
  const identities = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const line of identities) {
    if (!AGE_IDENTITY.test(line)) throw new Error('The identity file holds a line that is not an age X25519 identity.');
  }
  if (identities.length === 0) throw new Error('The identity file holds no age identity.');
  return identities;
}

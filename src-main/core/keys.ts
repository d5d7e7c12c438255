import { ed25519 } from '@noble/curves/ed25519.js';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt as scryptCallback } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MIN_PASSPHRASE_LENGTH, Passphrase } from '../contract/keys';

/*
 * A user's keys on a device: an Ed25519 signing key (bundles and trust lists are signed with it) and an X25519 age
 * identity (bundles are encrypted to it). The key id is the hex SHA-256 of the 32-byte Ed25519 public key; users
 * compare it as a grouped fingerprint. Private keys never rest unwrapped: the app wraps them with the OS keychain
 * (safeStorage), the CLI and tests with a passphrase through scrypt. Pure Node; no Electron, no database.
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
  const signingSecretKey = ed25519.utils.randomSecretKey();
  const signingPublicKey = ed25519.getPublicKey(signingSecretKey);
  const ageIdentity = await generateX25519Identity();
  const ageRecipient = await identityToRecipient(ageIdentity);
  return { keyId: keyIdOf(signingPublicKey), signingPublicKey, signingSecretKey, ageIdentity, ageRecipient };
}

/** Rebuilds the public half from the secrets, and checks it against what was stored beside them. */
export async function keysFromSecrets(secrets: KeySecrets): Promise<UserKeys> {
  const signingPublicKey = ed25519.getPublicKey(secrets.signingSecretKey);
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

export class KeyWrapError extends Error {
  constructor(
    readonly reason: 'unavailable' | 'wrong_passphrase' | 'weak_passphrase' | 'corrupt' | 'method_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'KeyWrapError';
  }
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
}

export const SCRYPT_LOG_N = 15;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const WRAP_AAD = Buffer.from('aeo-field-validator key wrap v1', 'utf8');

function scrypt(passphrase: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const N = 2 ** logN;
    scryptCallback(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r + 16 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** scrypt (N = 2^15, r = 8, p = 1) then ChaCha20-Poly1305; the output is a small JSON document. */
export async function wrapWithPassphrase(plain: Uint8Array, passphrase: string, logN = SCRYPT_LOG_N): Promise<Uint8Array> {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const key = await scrypt(passphrase, salt, logN, SCRYPT_R, SCRYPT_P);
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  cipher.setAAD(WRAP_AAD, { plaintextLength: plain.length });
  const ct = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return Buffer.from(
    JSON.stringify({
      v: 1,
      kdf: 'scrypt',
      logN,
      r: SCRYPT_R,
      p: SCRYPT_P,
      salt: salt.toString('base64'),
      aead: 'chacha20-poly1305',
      nonce: nonce.toString('base64'),
      ct: ct.toString('base64'),
    }),
    'utf8',
  );
}

export async function unwrapWithPassphrase(wrapped: Uint8Array, passphrase: string): Promise<Uint8Array> {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(Buffer.from(wrapped).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new KeyWrapError('method_mismatch', 'These keys were not wrapped with a passphrase.');
  }
  const { v, kdf, logN, r, p, salt, aead, nonce, ct } = doc;
  // Bounded parameters: a crafted file must not make us allocate gigabytes.
  if (
    v !== 1 ||
    kdf !== 'scrypt' ||
    aead !== 'chacha20-poly1305' ||
    typeof logN !== 'number' ||
    !Number.isInteger(logN) ||
    logN < 15 ||
    logN > 20 ||
    r !== SCRYPT_R ||
    p !== SCRYPT_P ||
    typeof salt !== 'string' ||
    typeof nonce !== 'string' ||
    typeof ct !== 'string'
  ) {
    throw new KeyWrapError('corrupt', 'The wrapped keys are damaged or in an unknown format.');
  }
  const body = Buffer.from(ct, 'base64');
  const nonceBytes = Buffer.from(nonce, 'base64');
  if (body.length < 16 || nonceBytes.length !== 12) throw new KeyWrapError('corrupt', 'The wrapped keys are damaged.');
  const key = await scrypt(passphrase, Buffer.from(salt, 'base64'), logN, r, p);
  try {
    const decipher = createDecipheriv('chacha20-poly1305', key, nonceBytes, { authTagLength: 16 });
    decipher.setAAD(WRAP_AAD, { plaintextLength: body.length - 16 });
    decipher.setAuthTag(body.subarray(body.length - 16));
    return new Uint8Array(Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]));
  } catch {
    throw new KeyWrapError('wrong_passphrase', 'Wrong passphrase: the private keys could not be unlocked.');
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

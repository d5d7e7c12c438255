import { createDecipheriv, scrypt as scryptCallback } from 'node:crypto';

/*
 * The first passphrase format for private keys (until keys became age files): a small JSON document holding
 * scrypt parameters, a salt, a nonce and a ChaCha20-Poly1305 ciphertext. Read-only: nothing writes it any more;
 * keys found in it still unlock, and are then rewrapped as age files (domains/keys.ts). Pure Node.
 */

const LEGACY_R = 8;
const LEGACY_P = 1;
const LEGACY_AAD = Buffer.from('aeo-field-validator key wrap v1', 'utf8');

/** Why a legacy blob could not be opened; core/keys.ts turns these into its KeyWrapError. */
export type LegacyFailure = 'not_legacy' | 'corrupt' | 'wrong_passphrase';

export class LegacyUnwrapError extends Error {
  constructor(readonly failure: LegacyFailure) {
    super(failure);
    this.name = 'LegacyUnwrapError';
  }
}

function scrypt(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const N = 2 ** logN;
    const options = { N, r: LEGACY_R, p: LEGACY_P, maxmem: 256 * N * LEGACY_R + 16 * 1024 * 1024 };
    scryptCallback(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A cheap look at the first byte: the legacy format is JSON, an age file starts with `age-encryption.org/v1`. */
export function looksLegacy(wrapped: Uint8Array): boolean {
  return wrapped.length > 0 && wrapped[0] === 0x7b; // '{'
}

export async function unwrapLegacy(wrapped: Uint8Array, passphrase: string): Promise<Uint8Array> {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(Buffer.from(wrapped).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new LegacyUnwrapError('not_legacy');
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
    r !== LEGACY_R ||
    p !== LEGACY_P ||
    typeof salt !== 'string' ||
    typeof nonce !== 'string' ||
    typeof ct !== 'string'
  ) {
    throw new LegacyUnwrapError('corrupt');
  }
  const body = Buffer.from(ct, 'base64');
  const nonceBytes = Buffer.from(nonce, 'base64');
  if (body.length < 16 || nonceBytes.length !== 12) throw new LegacyUnwrapError('corrupt');
  const key = await scrypt(passphrase, Buffer.from(salt, 'base64'), logN);
  try {
    const decipher = createDecipheriv('chacha20-poly1305', key, nonceBytes, { authTagLength: 16 });
    decipher.setAAD(LEGACY_AAD, { plaintextLength: body.length - 16 });
    decipher.setAuthTag(body.subarray(body.length - 16));
    return new Uint8Array(Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]));
  } catch {
    throw new LegacyUnwrapError('wrong_passphrase');
  }
}

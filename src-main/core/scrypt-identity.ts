import type { Identity, Stanza } from 'age-encryption';
import { createDecipheriv, scrypt } from 'node:crypto';

/*
 * age's passphrase identity (the `scrypt` stanza, https://age-encryption.org/v1), as age-encryption's own
 * ScryptIdentity reads it, with one change: scrypt runs in node:crypto (OpenSSL, in the thread pool) instead of
 * @noble/hashes in JavaScript.
 *
 * Why: the JavaScript scrypt leaves its 32 MiB work array (128·r·N bytes at 2^15) on the heap until a full
 * garbage collection, which in `aeo seal` and `aeo import` comes after the data pass, so every unlock added
 * 32 MiB to their peak RSS (measured: arrayBuffers 0 → 32 MiB after one unlock, still there 0.5 s later). The
 * native one frees its memory on return and does not block the event loop meanwhile. Wrapping stays with
 * age-encryption; `age -d` and age-encryption open what this opens (test/main/bundle-crypto.test.ts).
 */

const LABEL = 'age-encryption.org/v1/scrypt';
const MAX_LOG_N = 20;

export class NativeScryptIdentity implements Identity {
  constructor(private readonly passphrase: string) {}

  async unwrapFileKey(stanzas: Stanza[]): Promise<Uint8Array | null> {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== 'scrypt') continue;
      // The same checks, in the same order, as age-encryption's ScryptIdentity.
      if (stanzas.length !== 1) throw new Error('scrypt recipient is not the only one in the header');
      if (stanza.args.length !== 3) throw new Error('invalid scrypt stanza');
      if (!/^[1-9][0-9]*$/.test(stanza.args[2] as string)) throw new Error('invalid scrypt stanza');
      const salt = decodeNoPad(stanza.args[1] as string);
      if (salt?.length !== 16) throw new Error('invalid scrypt stanza');
      const logN = Number(stanza.args[2]);
      if (logN > MAX_LOG_N) throw new Error('scrypt work factor is too high');
      if (stanza.body.length !== 32) throw new Error('invalid stanza');
      const N = 2 ** logN;
      const key = await new Promise<Buffer>((resolve, reject) =>
        scrypt(this.passphrase, Buffer.concat([Buffer.from(LABEL, 'latin1'), salt]), 32, { N, r: 8, p: 1, maxmem: 128 * 8 * N + 1024 * 1024 }, (error, derived) =>
          error ? reject(error) : resolve(derived),
        ),
      );
      const fileKey = openFileKey(key, stanza.body);
      if (fileKey) return fileKey;
    }
    return null;
  }
}

/** ChaCha20-Poly1305 under the derived key with an all-zero nonce; null when it does not authenticate. */
function openFileKey(key: Buffer, body: Uint8Array): Uint8Array | null {
  try {
    const decipher = createDecipheriv('chacha20-poly1305', key, Buffer.alloc(12), { authTagLength: 16 });
    decipher.setAuthTag(body.subarray(16));
    const fileKey = decipher.update(body.subarray(0, 16));
    decipher.final();
    return new Uint8Array(fileKey);
  } catch {
    return null;
  }
}

/** Strict unpadded base64 (canonical: re-encoding gives the same text), or null. */
function decodeNoPad(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64').replace(/=+$/, '') === text ? bytes : null;
}

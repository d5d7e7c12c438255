import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';

/*
 * Ed25519 (RFC 8032) public keys and signatures made with node:crypto (OpenSSL) from the 32-byte secret key
 * (the seed) the app stores. Both are deterministic, so these are byte for byte what @noble/curves makes
 * (test/main/ed25519-sign.test.ts); verification stays with @noble/curves and its strict rules (dsse.ts).
 *
 * Why: the first time @noble/curves multiplies the base point with a secret (a public key, a signature) it builds
 * a table of precomputed points, 7.6 MiB of live heap in JavaScript that then stays for the process, and in
 * `aeo seal` it is what made V8 double the main thread's young generation (16 -> 32 MiB): measured, 33 ms and
 * +7.6 MiB of heap for one public key and one signature, against 1.6 ms and nothing kept with node:crypto.
 */

/** PKCS#8 for an Ed25519 private key is this fixed DER prefix followed by the 32-byte seed (RFC 8410). */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function privateKeyOf(secretKey: Uint8Array): KeyObject {
  if (secretKey.length !== 32) throw new Error('an Ed25519 secret key is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, secretKey]), format: 'der', type: 'pkcs8' });
}

/** The 32-byte public key of a secret key. */
export function ed25519PublicKey(secretKey: Uint8Array): Uint8Array {
  const jwk = createPublicKey(privateKeyOf(secretKey)).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x as string, 'base64url'));
}

/** The 64-byte signature of `message`. */
export function ed25519Sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKeyOf(secretKey)));
}

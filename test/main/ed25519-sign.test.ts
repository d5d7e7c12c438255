import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519PublicKey, ed25519Sign } from '../../src-main/core/ed25519-sign';

/*
 * Public keys and signatures are made with node:crypto, verified with @noble/curves (core/ed25519-sign.ts says
 * why). Ed25519 is deterministic, so both libraries must give the same bytes: then every key id, every bundle
 * signature and every verifier (ours, HQ's, anyone's) is unaffected by the switch.
 */

describe('Ed25519 through node:crypto', () => {
  it('gives the public key and the signature @noble/curves gives, byte for byte, and they verify strictly', () => {
    for (let i = 0; i < 50; i++) {
      const secret = new Uint8Array(randomBytes(32));
      const message = randomBytes(i * 37);
      const publicKey = ed25519PublicKey(secret);
      expect(Buffer.from(publicKey).toString('hex')).toBe(Buffer.from(ed25519.getPublicKey(secret)).toString('hex'));
      const signature = ed25519Sign(message, secret);
      expect(Buffer.from(signature).toString('hex')).toBe(Buffer.from(ed25519.sign(message, secret)).toString('hex'));
      expect(ed25519.verify(signature, message, publicKey, { zip215: false })).toBe(true);
    }
  });

  it('matches RFC 8032 test vector 2 (one-byte message)', () => {
    const secret = Buffer.from('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb', 'hex');
    expect(Buffer.from(ed25519PublicKey(secret)).toString('hex')).toBe('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c');
    expect(Buffer.from(ed25519Sign(Buffer.from('72', 'hex'), secret)).toString('hex')).toBe(
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    );
  });

  it('refuses a secret key that is not 32 bytes', () => {
    expect(() => ed25519Sign(Buffer.from('x'), new Uint8Array(31))).toThrow(/32 bytes/);
    expect(() => ed25519PublicKey(new Uint8Array(64))).toThrow(/32 bytes/);
  });
});

import { describe, expect, it } from 'vitest';
import { generateUserKeys } from '../../src-main/core/keys';
import { authMessage, signAuthChallenge, signReceipt, verifyAuthChallenge, verifyReceipt } from '../../src-main/core/hq-protocol';
import { signEnvelope } from '../../src-main/core/bundle/dsse';
import type { ReceiptPayload } from '../../src-main/contract/hq';

describe('HQ protocol (pure)', () => {
  it('auth message bytes are the context, HQ key id and nonce on three lines', () => {
    expect(authMessage('a'.repeat(64), 'nonce_1').toString('utf8')).toBe(`aeo-hq-auth-v1\n${'a'.repeat(64)}\nnonce_1`);
  });

  it('a challenge signature verifies for that HQ and nonce only', async () => {
    const device = await generateUserKeys();
    const hq = 'c'.repeat(64);
    const sig = signAuthChallenge(hq, 'n'.repeat(43), device.signingSecretKey);
    expect(verifyAuthChallenge(hq, 'n'.repeat(43), sig, device.signingPublicKey)).toBe(true);
    expect(verifyAuthChallenge('d'.repeat(64), 'n'.repeat(43), sig, device.signingPublicKey)).toBe(false);
    expect(verifyAuthChallenge(hq, 'm'.repeat(43), sig, device.signingPublicKey)).toBe(false);
    expect(verifyAuthChallenge(hq, 'n'.repeat(43), 'not base64!', device.signingPublicKey)).toBe(false);
  });

  it('a receipt verifies with the HQ key and not with another, nor when altered', async () => {
    const hq = await generateUserKeys();
    const other = await generateUserKeys();
    const payload: ReceiptPayload = {
      bundleId: '0190f1d2-3c4b-7a5e-8f60-123456789abc',
      envelopeDigest: 'e'.repeat(64),
      sha256: 'f'.repeat(64),
      size: 1234,
      receivedAt: '2026-12-02T07:00:00.000Z',
      hqKeyId: hq.keyId,
      sequence: 7,
    };
    const receipt = signReceipt(payload, { keyId: hq.keyId, secretKey: hq.signingSecretKey });
    expect(verifyReceipt(receipt, hq.signingPublicKey, { sha256: 'f'.repeat(64) })).toEqual({ ok: true, receipt: payload });
    expect(verifyReceipt(receipt, other.signingPublicKey).ok).toBe(false);
    expect(verifyReceipt(receipt, hq.signingPublicKey, { sha256: '0'.repeat(64) }).ok).toBe(false);
    const altered = { ...receipt, payload: Buffer.from(JSON.stringify({ ...payload, size: 1 })).toString('base64') };
    expect(verifyReceipt(altered, hq.signingPublicKey).ok).toBe(false);
    // Signed by the HQ key but naming another key in the payload: refused.
    const forged = signEnvelope(receipt.payloadType, Buffer.from(JSON.stringify({ ...payload, hqKeyId: other.keyId })), [
      { keyId: hq.keyId, secretKey: hq.signingSecretKey },
    ]);
    expect(verifyReceipt(forged, hq.signingPublicKey)).toEqual({ ok: false, reason: 'the receipt names another HQ key' });
    expect(verifyReceipt({ nope: 1 }, hq.signingPublicKey).ok).toBe(false);
  });
});

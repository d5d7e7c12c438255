import { ed25519 } from '@noble/curves/ed25519.js';
import { DsseEnvelope } from '../contract/dsse';
import { ReceiptPayload } from '../contract/hq';
import { canonicalJson } from './canonical-json';
import { decodeBase64, signEnvelope, verifySignature, type Signer } from './bundle/dsse';
import { keyIdOf } from './keys';

/*
 * The pure half of the HQ ↔ device protocol (docs/hq-protocol.md), shared by the HQ server and the desktop sync:
 * the bytes a device signs to log in, and HQ's signed receipts. No I/O.
 */

/* ---- challenge–response login ---- */

export const AUTH_CONTEXT = 'aeo-hq-auth-v1';

/**
 * What a device signs to prove it holds its enrolled key: a fixed context, HQ's key id (so a signature made for
 * one HQ cannot be replayed at another) and HQ's one-time nonce, joined by line feeds, as UTF-8.
 */
export function authMessage(hqKeyId: string, nonce: string): Buffer {
  return Buffer.from(`${AUTH_CONTEXT}\n${hqKeyId}\n${nonce}`, 'utf8');
}

/** The device's answer to a challenge: base64 Ed25519 signature over authMessage. */
export function signAuthChallenge(hqKeyId: string, nonce: string, secretKey: Uint8Array): string {
  return Buffer.from(ed25519.sign(authMessage(hqKeyId, nonce), secretKey)).toString('base64');
}

/** True when `signature` (base64) is `publicKey`'s signature over authMessage. Never throws. */
export function verifyAuthChallenge(hqKeyId: string, nonce: string, signature: string, publicKey: Uint8Array): boolean {
  const sig = decodeBase64(signature);
  if (!sig || sig.length !== 64 || publicKey.length !== 32) return false;
  try {
    return ed25519.verify(sig, authMessage(hqKeyId, nonce), publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/* ---- receipts ---- */

export const RECEIPT_PAYLOAD_TYPE = 'application/vnd.aeo.hq-receipt+json';

/** HQ signs a receipt: canonical JSON of the payload (sorted keys), in a DSSE envelope, keyid = HQ's key id. */
export function signReceipt(payload: ReceiptPayload, hq: Signer): DsseEnvelope {
  const checked = ReceiptPayload.parse(payload);
  if (checked.hqKeyId !== hq.keyId) throw new Error('a receipt names the HQ key that signs it');
  return signEnvelope(RECEIPT_PAYLOAD_TYPE, Buffer.from(canonicalJson(checked), 'utf8'), [hq]);
}

export type ReceiptCheck = { ok: true; receipt: ReceiptPayload } | { ok: false; reason: string };

/**
 * Checks an HQ receipt against the HQ public key the device pinned: envelope shape, payload type, one signature
 * by that key over the PAE, the payload's schema, that it names that key, and (when given) that it is the
 * receipt for the bytes the device sent.
 */
export function verifyReceipt(
  envelope: unknown,
  hqPublicKey: Uint8Array,
  expect: { sha256?: string; bundleId?: string; envelopeDigest?: string } = {},
): ReceiptCheck {
  const fail = (reason: string): ReceiptCheck => ({ ok: false, reason });
  const shape = DsseEnvelope.safeParse(envelope);
  if (!shape.success) return fail('the receipt is not a DSSE envelope');
  const { payloadType, signatures } = shape.data;
  if (payloadType !== RECEIPT_PAYLOAD_TYPE) return fail(`the receipt's payload type is not ${RECEIPT_PAYLOAD_TYPE}`);
  const payload = decodeBase64(shape.data.payload);
  if (!payload) return fail('the receipt payload is not valid base64');
  const hqKeyId = keyIdOf(hqPublicKey);
  const signed = signatures.some((s) => {
    if (s.keyid !== undefined && s.keyid !== hqKeyId) return false;
    const sig = decodeBase64(s.sig);
    return sig !== null && verifySignature(RECEIPT_PAYLOAD_TYPE, payload, sig, hqPublicKey);
  });
  if (!signed) return fail('the receipt is not signed by the pinned HQ key');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return fail('the receipt payload is not UTF-8 JSON');
  }
  const parsed = ReceiptPayload.safeParse(json);
  if (!parsed.success) return fail('the receipt payload does not match the receipt schema');
  const receipt = parsed.data;
  if (receipt.hqKeyId !== hqKeyId) return fail('the receipt names another HQ key');
  for (const field of ['sha256', 'bundleId', 'envelopeDigest'] as const) {
    const wanted = expect[field];
    if (wanted !== undefined && receipt[field] !== wanted) return fail(`the receipt is for another bundle (${field} differs)`);
  }
  return { ok: true, receipt };
}

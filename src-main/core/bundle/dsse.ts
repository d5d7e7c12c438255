import { ed25519 } from '@noble/curves/ed25519.js';
import { DsseEnvelope } from '../../contract/dsse';
import { ed25519Sign } from '../ed25519-sign';
import { BundleError } from './errors';
import { parseStrictJson } from './strict-json';

/*
 * DSSE (Dead Simple Signing Envelope, https://github.com/secure-systems-lab/dsse, protocol v1.0.0): the signature
 * covers PAE(payloadType, payload), never the JSON around it, so nothing in the envelope's serialization can be
 * bent to change what was signed. Signatures here are Ed25519 (RFC 8032), made with node:crypto (why:
 * core/ed25519-sign.ts) and verified strictly with @noble/curves (no ZIP-215 leniency), so a signature has exactly
 * one valid encoding.
 */

/** Pre-Authentication Encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes. */
export function pae(payloadType: string, body: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  const head = Buffer.from(`DSSEv1 ${type.length} `, 'ascii');
  const mid = Buffer.from(` ${body.length} `, 'ascii');
  return Buffer.concat([head, type, mid, body]);
}

export { DsseEnvelope, DsseSignature } from '../../contract/dsse';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/**
 * Standard or URL-safe base64 (DSSE verifiers must accept both), padded or not, but canonical: the unused low
 * bits of the last character must be zero, so one byte sequence has one text form.
 */
export function decodeBase64(text: string): Buffer | null {
  if (!BASE64.test(text) && !BASE64URL.test(text)) return null;
  const bare = text.replace(/=+$/, '');
  if (bare.length % 4 === 1) return null;
  const padded = text.endsWith('=');
  if (padded && text.length % 4 !== 0) return null;
  const bytes = Buffer.from(bare.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== bare.replace(/-/g, '+').replace(/_/g, '/')) return null;
  return bytes;
}

export type Signer = { keyId: string; secretKey: Uint8Array };

export function signEnvelope(payloadType: string, payload: Uint8Array, signers: readonly Signer[]): DsseEnvelope {
  const message = pae(payloadType, payload);
  return {
    payload: Buffer.from(payload).toString('base64'),
    payloadType,
    signatures: signers.map((s) => ({
      keyid: s.keyId,
      sig: Buffer.from(ed25519Sign(message, s.secretKey)).toString('base64'),
    })),
  };
}

/** The envelope as file bytes: compact JSON with a fixed key order. */
export function serializeEnvelope(envelope: DsseEnvelope): Buffer {
  return Buffer.from(
    JSON.stringify({
      payloadType: envelope.payloadType,
      payload: envelope.payload,
      signatures: envelope.signatures.map((s) => (s.keyid === undefined ? { sig: s.sig } : { keyid: s.keyid, sig: s.sig })),
    }),
    'utf8',
  );
}

export type ParsedEnvelope = { envelope: DsseEnvelope; payload: Buffer; signatures: { keyid?: string; sig: Buffer }[] };

/** Strict JSON, strict shape, decodable base64; throws `envelope_invalid` with the first problem. */
export function parseEnvelope(bytes: Uint8Array, maxBytes = 16 * 1024 * 1024): ParsedEnvelope {
  if (bytes.length > maxBytes) throw new BundleError('envelope_invalid', `the envelope is over ${maxBytes} bytes`);
  const envelope = parseStrictJson(bytes, DsseEnvelope, 'envelope_invalid', 'the DSSE envelope');
  const payload = decodeBase64(envelope.payload);
  if (!payload) throw new BundleError('envelope_invalid', 'the envelope payload is not valid base64');
  const signatures = envelope.signatures.map((s, i) => {
    const sig = decodeBase64(s.sig);
    if (!sig) throw new BundleError('envelope_invalid', `signature ${i + 1} is not valid base64`);
    return s.keyid === undefined ? { sig } : { keyid: s.keyid, sig };
  });
  return { envelope, payload, signatures };
}

/** True when `sig` is a valid Ed25519 signature by `publicKey` over PAE(payloadType, payload). Never throws. */
export function verifySignature(payloadType: string, payload: Uint8Array, sig: Uint8Array, publicKey: Uint8Array): boolean {
  if (sig.length !== 64 || publicKey.length !== 32) return false;
  try {
    return ed25519.verify(sig, pae(payloadType, payload), publicKey, { zip215: false });
  } catch {
    return false;
  }
}

import { createHash } from 'node:crypto';
import { parseEnvelope, verifySignature } from './dsse';
import { BundleError } from './errors';
import { MERGED_PREDICATE_TYPE, parseStatement, STATEMENT_PAYLOAD_TYPE, type Statement } from './statement';
import { lookupKey, type KeyStatus, type TrustList, type TrustMember } from './trust-list';

/*
 * Steps 4–8 of verification, on a signed envelope's bytes: the envelope → every signer's key in the trust list →
 * every signature over the PAE → payloadType → the statement, strictly. The outer envelope of a bundle goes
 * through it, and so does each input envelope a merged bundle carries, so both are judged by the same rules.
 *
 * A seal or a handout carries exactly one signature; a merged report may carry several (the lead's first, then
 * validators who co-sign it later), each of which must verify.
 */

export type CheckedSigner = { keyId: string; member: TrustMember; status: KeyStatus };

export type CheckedEnvelope = {
  statement: Statement;
  envelopeDigest: string;
  /** The signer the statement names (the first signature), then any co-signers. */
  signer: CheckedSigner;
  cosigners: CheckedSigner[];
};

export function checkEnvelope(bytes: Uint8Array, trust: TrustList, now: Date, maxEnvelopeBytes: number): CheckedEnvelope {
  const envelopeDigest = createHash('sha256').update(bytes).digest('hex');
  const { envelope, payload, signatures } = parseEnvelope(bytes, maxEnvelopeBytes);
  const signers: CheckedSigner[] = [];
  for (const signature of signatures) {
    const keyId = signature.keyid;
    if (keyId === undefined || !/^[0-9a-f]{64}$/.test(keyId)) {
      throw new BundleError('envelope_invalid', 'the signature does not name its key id (hex SHA-256 of the public key)');
    }
    if (signers.some((s) => s.keyId === keyId)) throw new BundleError('envelope_invalid', 'one key signs the envelope twice');
    const member = trustedMember(trust, keyId, now);
    if (!verifySignature(envelope.payloadType, payload, signature.sig, Buffer.from(member.signingKey, 'base64'))) {
      throw new BundleError('signature_invalid', `the signature does not verify with ${member.name}'s key`);
    }
    signers.push({ keyId, member, status: 'valid' });
  }
  if (envelope.payloadType !== STATEMENT_PAYLOAD_TYPE) {
    throw new BundleError('payload_type', `payload type ${JSON.stringify(envelope.payloadType.slice(0, 80))} is not ${STATEMENT_PAYLOAD_TYPE}`);
  }
  const statement = parseStatement(payload);
  const [signer, ...cosigners] = signers as [CheckedSigner, ...CheckedSigner[]];
  if (cosigners.length > 0 && statement.predicateType !== MERGED_PREDICATE_TYPE) {
    throw new BundleError('envelope_invalid', 'a bundle carries exactly one signature');
  }
  const predicate = statement.predicate;
  if (predicate.signer.keyId !== signer.keyId) throw new BundleError('statement_invalid', 'the statement names another signing key');
  const created = Date.parse(predicate.createdAt);
  if (created < Date.parse(signer.member.validFrom) || created > Date.parse(signer.member.validUntil)) {
    throw new BundleError('key_not_valid', `the bundle was made on ${predicate.createdAt}, outside ${signer.member.name}'s key validity`);
  }
  return { statement, envelopeDigest, signer, cosigners };
}

/** The signer's key as the trust list says: refused unless listed, not revoked and valid now. */
function trustedMember(trust: TrustList, keyId: string, now: Date): TrustMember {
  const lookup = lookupKey(trust, keyId, now);
  const short = `${keyId.slice(0, 16)}…`;
  if (lookup.status === 'unknown') throw new BundleError('key_unknown', `key ${short} is not in trust list version ${trust.version}`);
  if (lookup.status === 'revoked') {
    throw new BundleError('key_revoked', `key ${short} was revoked on ${lookup.revocation?.revokedAt ?? '?'} (${lookup.revocation?.reason || 'no reason given'})`);
  }
  const member = lookup.member;
  if (lookup.status !== 'valid' || !member) {
    throw new BundleError('key_not_valid', `key ${short} is valid only from ${member?.validFrom ?? '?'} to ${member?.validUntil ?? '?'}`);
  }
  return member;
}

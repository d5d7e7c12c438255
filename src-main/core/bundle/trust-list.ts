import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AGE_RECIPIENT, KEY_ID, keyIdOf, recipientFingerprint } from '../keys';
import { parseEnvelope, serializeEnvelope, signEnvelope, verifySignature, type Signer } from './dsse';
import { BundleError } from './errors';
import { parseStrictJson } from './strict-json';

/*
 * Who may sign bundles and who may read them, as headquarters says: a trust list of members (public keys, role,
 * validity), revoked keys, a version that only goes up and an expiry, signed by HQ key(s) in a DSSE envelope.
 * A device accepts a new list only when an HQ key of the list it already holds signed it (the first list must be
 * signed by an HQ key it names itself, or by a pinned anchor); it refuses a lower version and warns once the list
 * has expired. Enrollment files carry a user's public keys to HQ, self-signed as proof of possession.
 */

export const TRUST_LIST_TYPE = 'https://aeo-validator.example/trust-list/v1';
export const TRUST_LIST_PAYLOAD_TYPE = 'application/vnd.aeo.trust-list+json';
export const ENROLLMENT_TYPE = 'https://aeo-validator.example/enrollment/v1';
export const ENROLLMENT_PAYLOAD_TYPE = 'application/vnd.aeo.enrollment+json';

export const trustRoles = ['validator', 'team_lead', 'hq'] as const;
export const TrustRole = z.enum(trustRoles);
export type TrustRole = z.infer<typeof TrustRole>;

const KeyId = z.string().regex(KEY_ID);
const Timestamp = z.iso.datetime();
const SigningKey = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/)
  .refine((s) => Buffer.from(s, 'base64').length === 32, 'an Ed25519 public key is 32 bytes');

export const TrustMember = z.strictObject({
  keyId: KeyId,
  name: z.string().trim().min(1).max(200),
  role: TrustRole,
  signingKey: SigningKey,
  ageRecipient: z.string().regex(AGE_RECIPIENT),
  validFrom: Timestamp,
  validUntil: Timestamp,
  userId: z.uuid().optional(),
  deviceId: z.uuid().optional(),
});
export type TrustMember = z.infer<typeof TrustMember>;

export const Revocation = z.strictObject({ keyId: KeyId, revokedAt: Timestamp, reason: z.string().max(500) });
export type Revocation = z.infer<typeof Revocation>;

export const TrustListBody = z
  .strictObject({
    _type: z.literal(TRUST_LIST_TYPE),
    version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    issuer: z.string().trim().min(1).max(200),
    issuedAt: Timestamp,
    expiresAt: Timestamp,
    members: z.array(TrustMember).max(10_000),
    revoked: z.array(Revocation).max(100_000),
  })
  .superRefine((body, ctx) => {
    if (Date.parse(body.expiresAt) <= Date.parse(body.issuedAt)) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'expires before it was issued' });
    }
    const seen = new Set<string>();
    body.members.forEach((m, i) => {
      if (keyIdOf(Buffer.from(m.signingKey, 'base64')) !== m.keyId) {
        ctx.addIssue({ code: 'custom', path: ['members', i, 'keyId'], message: 'is not the SHA-256 of the signing key' });
      }
      if (seen.has(m.keyId)) ctx.addIssue({ code: 'custom', path: ['members', i, 'keyId'], message: 'listed twice' });
      seen.add(m.keyId);
      if (Date.parse(m.validUntil) <= Date.parse(m.validFrom)) {
        ctx.addIssue({ code: 'custom', path: ['members', i, 'validUntil'], message: 'ends before it starts' });
      }
    });
  });
export type TrustListBody = z.infer<typeof TrustListBody>;

/** A verified list: the body plus what we learnt checking it. */
export type TrustList = TrustListBody & {
  /** Hex SHA-256 of the signed payload: two files with the same digest are the same list. */
  digest: string;
  /** Key ids whose signatures verified against the HQ keys we trusted for this list. */
  signedBy: string[];
  /** The signed file as it came, for storing. */
  file: string;
};

export type KeyStatus = 'valid' | 'unknown' | 'revoked' | 'expired' | 'not_yet_valid';
export type KeyLookup = { status: KeyStatus; member: TrustMember | null; revocation: Revocation | null };

export function lookupKey(list: TrustListBody, keyId: string, at: Date): KeyLookup {
  const member = list.members.find((m) => m.keyId === keyId) ?? null;
  const revocation = list.revoked.find((r) => r.keyId === keyId) ?? null;
  if (revocation) return { status: 'revoked', member, revocation };
  if (!member) return { status: 'unknown', member: null, revocation: null };
  if (at.getTime() < Date.parse(member.validFrom)) return { status: 'not_yet_valid', member, revocation: null };
  if (at.getTime() > Date.parse(member.validUntil)) return { status: 'expired', member, revocation: null };
  return { status: 'valid', member, revocation: null };
}

/** Who a sealed bundle is encrypted to besides its author: every valid HQ and team-lead key. */
export function readersOf(list: TrustListBody, at: Date): TrustMember[] {
  return list.members.filter((m) => (m.role === 'hq' || m.role === 'team_lead') && lookupKey(list, m.keyId, at).status === 'valid');
}

export function memberByRecipient(list: TrustListBody, fingerprint: string): TrustMember | null {
  return list.members.find((m) => recipientFingerprint(m.ageRecipient) === fingerprint) ?? null;
}

export const isExpired = (list: TrustListBody, at: Date) => at.getTime() > Date.parse(list.expiresAt);

/** Parses a signed trust-list file without judging its signatures. */
export function parseTrustListFile(bytes: Uint8Array): { body: TrustListBody; payload: Buffer; signatures: { keyid?: string; sig: Buffer }[] } {
  let parsed;
  try {
    parsed = parseEnvelope(bytes, 32 * 1024 * 1024);
  } catch (error) {
    throw new BundleError('trust_invalid', `not a signed trust list (${error instanceof BundleError ? error.reason : 'unreadable'})`);
  }
  if (parsed.envelope.payloadType !== TRUST_LIST_PAYLOAD_TYPE) {
    throw new BundleError('trust_invalid', `not a trust list (payload type ${JSON.stringify(parsed.envelope.payloadType.slice(0, 80))})`);
  }
  const body = parseTrustListBody(parsed.payload);
  return { body, payload: parsed.payload, signatures: parsed.signatures };
}

export function parseTrustListBody(bytes: Uint8Array): TrustListBody {
  return parseStrictJson(bytes, TrustListBody, 'trust_invalid', 'the trust list');
}

export type TrustOptions = {
  /** The list this device holds now; its HQ keys must have signed the new one. */
  installed?: TrustListBody | null;
  /** Key ids pinned out of band (e.g. read over the phone from HQ); used when no list is installed. */
  anchors?: readonly string[];
  now?: Date;
};

/**
 * Verifies a signed trust-list file: shape, then at least one valid signature by a trusted HQ key, then the
 * version against the installed list (lower: `trust_rollback`; same version, other content: `trust_conflict`).
 */
export function verifyTrustList(bytes: Uint8Array, options: TrustOptions = {}): TrustList {
  const now = options.now ?? new Date();
  const { body, payload, signatures } = parseTrustListFile(bytes);
  const installed = options.installed ?? null;
  let trusted: TrustMember[];
  let from: string;
  if (installed) {
    trusted = installed.members.filter((m) => m.role === 'hq' && lookupKey(installed, m.keyId, now).status === 'valid');
    from = `an HQ key of the installed trust list (version ${installed.version})`;
  } else if (options.anchors && options.anchors.length > 0) {
    const anchors = new Set(options.anchors);
    trusted = body.members.filter((m) => m.role === 'hq' && anchors.has(m.keyId) && lookupKey(body, m.keyId, now).status === 'valid');
    from = 'a pinned HQ key';
  } else {
    trusted = body.members.filter((m) => m.role === 'hq' && lookupKey(body, m.keyId, now).status === 'valid');
    from = 'an HQ key it lists';
  }
  const signedBy = new Set<string>();
  for (const signature of signatures) {
    for (const member of trusted) {
      if (signature.keyid !== undefined && signature.keyid !== member.keyId) continue;
      if (verifySignature(TRUST_LIST_PAYLOAD_TYPE, payload, signature.sig, Buffer.from(member.signingKey, 'base64'))) {
        signedBy.add(member.keyId);
      }
    }
  }
  if (signedBy.size === 0) throw new BundleError('trust_signature', `the trust list is not signed by ${from}`);
  const digest = createHash('sha256').update(payload).digest('hex');
  if (installed) {
    if (body.version < installed.version) {
      throw new BundleError('trust_rollback', `trust list version ${body.version} is older than the installed version ${installed.version}`);
    }
    if (body.version === installed.version && digest !== trustDigest(installed)) {
      throw new BundleError('trust_conflict', `another trust list with version ${body.version} is already installed`);
    }
  }
  return { ...body, digest, signedBy: [...signedBy], file: Buffer.from(bytes).toString('utf8') };
}

/** The digest of a body as signed; for a TrustList read back from storage, the stored one. */
export function trustDigest(list: TrustListBody): string {
  if ('digest' in list && typeof (list as TrustList).digest === 'string') return (list as TrustList).digest;
  return createHash('sha256').update(serializeTrustListBody(list)).digest('hex');
}

export function serializeTrustListBody(body: TrustListBody): Buffer {
  const { _type, version, issuer, issuedAt, expiresAt, members, revoked } = body;
  return Buffer.from(JSON.stringify({ _type, version, issuer, issuedAt, expiresAt, members, revoked }, null, 2), 'utf8');
}

/* ---- HQ administration (the `aeo trust` verbs) ---- */

export function newTrustList(options: { issuer: string; expiresAt: string; now?: Date; from?: TrustListBody }): TrustListBody {
  const now = options.now ?? new Date();
  return TrustListBody.parse({
    _type: TRUST_LIST_TYPE,
    version: (options.from?.version ?? 0) + 1,
    issuer: options.issuer,
    issuedAt: now.toISOString(),
    expiresAt: options.expiresAt,
    members: options.from?.members ?? [],
    revoked: options.from?.revoked ?? [],
  });
}

export function addMember(body: TrustListBody, member: TrustMember): TrustListBody {
  if (body.revoked.some((r) => r.keyId === member.keyId)) throw new Error(`key ${member.keyId} is revoked; it cannot be added again`);
  return TrustListBody.parse({ ...body, members: [...body.members.filter((m) => m.keyId !== member.keyId), member] });
}

export function revokeKey(body: TrustListBody, keyId: string, reason: string, now = new Date()): TrustListBody {
  if (!KEY_ID.test(keyId)) throw new Error('a key id is 64 hex digits');
  if (body.revoked.some((r) => r.keyId === keyId)) return body;
  return TrustListBody.parse({ ...body, revoked: [...body.revoked, { keyId, revokedAt: now.toISOString(), reason }] });
}

/** Signs a list; refuses unless the signer is an HQ member of it (the rule a fresh device checks). */
export function signTrustList(body: TrustListBody, signers: readonly Signer[]): Buffer {
  const checked = TrustListBody.parse(body);
  for (const signer of signers) {
    const member = checked.members.find((m) => m.keyId === signer.keyId);
    if (!member || member.role !== 'hq') throw new Error(`key ${signer.keyId.slice(0, 16)}… is not an HQ member of this trust list`);
  }
  const envelope = signEnvelope(TRUST_LIST_PAYLOAD_TYPE, serializeTrustListBody(checked), signers);
  return Buffer.from(`${JSON.stringify(JSON.parse(serializeEnvelope(envelope).toString('utf8')), null, 2)}\n`, 'utf8');
}

/* ---- enrollment ---- */

export const EnrollmentBody = z.strictObject({
  _type: z.literal(ENROLLMENT_TYPE),
  name: z.string().trim().min(1).max(200),
  userId: z.uuid(),
  deviceId: z.uuid(),
  deviceRole: z.enum(['validator', 'team_lead']),
  keyId: KeyId,
  signingKey: SigningKey,
  ageRecipient: z.string().regex(AGE_RECIPIENT),
  createdAt: Timestamp,
});
export type EnrollmentBody = z.infer<typeof EnrollmentBody>;

export function createEnrollment(body: EnrollmentBody, signer: Signer): Buffer {
  const checked = EnrollmentBody.parse(body);
  const envelope = signEnvelope(ENROLLMENT_PAYLOAD_TYPE, Buffer.from(JSON.stringify(checked, null, 2), 'utf8'), [signer]);
  return Buffer.from(`${JSON.stringify(JSON.parse(serializeEnvelope(envelope).toString('utf8')), null, 2)}\n`, 'utf8');
}

/** Parses an enrollment file and checks it is signed by the key it enrolls. */
export function parseEnrollment(bytes: Uint8Array): EnrollmentBody {
  const bad = (why: string) => new BundleError('trust_invalid', `not a valid enrollment file: ${why}`);
  let parsed;
  try {
    parsed = parseEnvelope(bytes, 1024 * 1024);
  } catch {
    throw bad('not a DSSE envelope');
  }
  if (parsed.envelope.payloadType !== ENROLLMENT_PAYLOAD_TYPE) throw bad('wrong payload type');
  let json: unknown;
  try {
    json = JSON.parse(parsed.payload.toString('utf8'));
  } catch {
    throw bad('not JSON');
  }
  const body = EnrollmentBody.safeParse(json);
  if (!body.success) throw bad(body.error.issues[0]?.message ?? 'malformed');
  const publicKey = Buffer.from(body.data.signingKey, 'base64');
  if (keyIdOf(publicKey) !== body.data.keyId) throw bad('the key id does not match the key');
  const signature = parsed.signatures[0];
  if (parsed.signatures.length !== 1 || !signature || !verifySignature(ENROLLMENT_PAYLOAD_TYPE, parsed.payload, signature.sig, publicKey)) {
    throw bad('it is not signed by the key it enrolls');
  }
  return body.data;
}

export function memberFromEnrollment(
  enrollment: EnrollmentBody,
  role: TrustRole,
  validity: { validFrom: string; validUntil: string },
): TrustMember {
  return TrustMember.parse({
    keyId: enrollment.keyId,
    name: enrollment.name,
    role,
    signingKey: enrollment.signingKey,
    ageRecipient: enrollment.ageRecipient,
    validFrom: validity.validFrom,
    validUntil: validity.validUntil,
    userId: enrollment.userId,
    deviceId: enrollment.deviceId,
  });
}

/** Reads back a list this device verified and stored earlier (its signatures were checked on import). */
export function loadInstalledTrustList(file: string, signedBy: readonly string[]): TrustList {
  const { body, payload } = parseTrustListFile(Buffer.from(file, 'utf8'));
  return { ...body, digest: createHash('sha256').update(payload).digest('hex'), signedBy: [...signedBy], file };
}

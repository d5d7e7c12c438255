import { z } from 'zod';
import { rejectionCodes, warningCodes } from './bundle-codes';
import { lineText, Timestamp, token } from './common';
import { FileRole } from './bundles';
import { DsseEnvelope } from './dsse';

/*
 * The HQ ↔ device protocol (docs/hq-protocol.md): every route's body, query, params and answer. Pure zod, shared by
 * the HQ server (src-hq), which parses what comes in with these, and the desktop sync, which parses what comes
 * back. JSON answers are the app's envelope `{ok:true,value} | {ok:false,error}`; the schemas here are the `value`.
 */

export const HQ_SERVICE = 'aeo-hq';
export const DEFAULT_HQ_PORT = 5299;

export const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256 (64 lower-case hex digits)');
/** A signing key id: hex SHA-256 of the 32-byte Ed25519 public key. */
export const HqKeyId = Hex64;

/** Why HQ refused a bundle: every code of the core's verification, plus HQ's own two. */
export const hqRejectionCodes = [
  ...rejectionCodes,
  /** The uploaded bytes do not hash to the SHA-256 the upload declared. */
  'hash_mismatch',
  /** HQ already holds a bundle with this id and other content. */
  'bundle_id_conflict',
] as const;
export const HqRejectionCode = z.enum(hqRejectionCodes);
export type HqRejectionCode = z.infer<typeof HqRejectionCode>;

/* ---- unauthenticated ---- */

/** `GET /health` */
export const HealthAnswer = z.strictObject({
  service: z.literal(HQ_SERVICE),
  hqKeyId: HqKeyId,
  trustListVersion: z.number().int().min(1),
});
export type HealthAnswer = z.infer<typeof HealthAnswer>;

/**
 * `GET /trust-list`: `file` is the signed trust list exactly as `aeo trust sign` writes it (a DSSE envelope as
 * text); the device checks it with verifyTrustList against the HQ key it pinned, never trusting `version` alone.
 */
export const TrustListAnswer = z.strictObject({
  version: z.number().int().min(1),
  file: z.string().max(32 * 1024 * 1024),
});
export type TrustListAnswer = z.infer<typeof TrustListAnswer>;

/** `POST /enroll`: the enrollment file (DSSE JSON) as the app or `aeo keys enrollment` exports it. */
export const ENROLL_MAX_BYTES = 64 * 1024;
export const EnrollRequest = DsseEnvelope;
export const EnrollAnswer = z.strictObject({
  status: z.enum(['pending', 'approved']),
  keyId: HqKeyId,
});
export type EnrollAnswer = z.infer<typeof EnrollAnswer>;

/* ---- authentication ---- */

/** `POST /auth/challenge` */
export const ChallengeRequest = z.strictObject({ keyId: HqKeyId });
export const ChallengeAnswer = z.strictObject({
  nonce: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/),
  expiresAt: Timestamp,
});
export type ChallengeAnswer = z.infer<typeof ChallengeAnswer>;

/**
 * `POST /auth/token`: `signature` is base64 Ed25519 by the device's enrolled signing key over
 * authMessage(hqKeyId, nonce) (src-main/core/hq-protocol.ts).
 */
export const TokenRequest = z.strictObject({
  keyId: HqKeyId,
  nonce: ChallengeAnswer.shape.nonce,
  signature: z.string().max(200),
});
export type TokenRequest = z.infer<typeof TokenRequest>;
export const TokenAnswer = z.strictObject({
  token: z.string().min(20).max(200),
  expiresAt: Timestamp,
});
export type TokenAnswer = z.infer<typeof TokenAnswer>;

/* ---- upload (tus 1.0 at /files/) ---- */

/** Decoded `Upload-Metadata` of a tus creation request. */
export const UploadMetadata = z.strictObject({
  sha256: Hex64,
  filename: lineText(255).pipe(z.string().min(1).regex(/^[^/\\]+$/, 'a file name, not a path')),
});
export type UploadMetadata = z.infer<typeof UploadMetadata>;

/** The payload of an HQ receipt (a DSSE envelope of RECEIPT_PAYLOAD_TYPE signed by HQ's key). */
export const ReceiptPayload = z.strictObject({
  bundleId: z.uuid(),
  envelopeDigest: Hex64,
  /** Hex SHA-256 of the whole .aeob file, as uploaded. */
  sha256: Hex64,
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  receivedAt: Timestamp,
  hqKeyId: HqKeyId,
  /** HQ's own counter: one per bundle it ingested, from 1, never reused. */
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type ReceiptPayload = z.infer<typeof ReceiptPayload>;

/** `GET /receipts/:sha256` (Bearer). 404 when HQ never finished an upload of these bytes. */
export const ReceiptAnswer = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('delivered'), receipt: DsseEnvelope }),
  z.strictObject({ state: z.literal('rejected'), code: HqRejectionCode, reason: z.string().max(2000) }),
]);
export type ReceiptAnswer = z.infer<typeof ReceiptAnswer>;

export const Sha256Params = z.strictObject({ sha256: Hex64 });

/* ---- down ---- */

/** What kind of bundle this is, from its statement's predicate type (`seal` today; handouts and merges later). */
export const BundleKind = token(40);

/** `GET /inbox` (Bearer): the bundles whose audience holds the caller's key. `GET /inbox/:sha256` → the bytes. */
export const InboxItem = z.strictObject({
  sha256: Hex64,
  bundleId: z.uuid(),
  kind: BundleKind,
  caseNumber: z.string().max(100),
  signerKeyId: HqKeyId,
  size: z.number().int().min(0),
  receivedAt: Timestamp,
});
export type InboxItem = z.infer<typeof InboxItem>;
export const InboxAnswer = z.array(InboxItem);

/* ---- officer view (Bearer, role hq or team_lead) ---- */

export const OfficerBundlesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().regex(/^[0-9]{1,16}$/).optional(),
});
export type OfficerBundlesQuery = z.infer<typeof OfficerBundlesQuery>;

/** Flags an officer should look at: the core's verification warnings plus HQ's own replay checks. */
export const OfficerFlag = z.enum(warningCodes);
export type OfficerFlag = z.infer<typeof OfficerFlag>;

export const OfficerBundleRow = z.strictObject({
  sha256: Hex64,
  bundleId: z.uuid(),
  kind: BundleKind,
  sequence: z.number().int().min(1),
  hqSequence: z.number().int().min(1),
  signer: z.strictObject({ keyId: HqKeyId, name: z.string().max(200), role: z.enum(['validator', 'team_lead', 'hq']) }),
  caseId: z.uuid(),
  caseNumber: z.string().max(100),
  reportVersion: z.number().int().min(1).nullable(),
  createdAt: Timestamp,
  receivedAt: Timestamp,
  size: z.number().int().min(0),
  verification: z.literal('verified'),
  checkedWithTrustListVersion: z.number().int().min(1),
  flags: z.array(OfficerFlag),
});
export type OfficerBundleRow = z.infer<typeof OfficerBundleRow>;

export const OfficerBundlesAnswer = z.strictObject({
  rows: z.array(OfficerBundleRow),
  nextCursor: z.string().nullable(),
});
export type OfficerBundlesAnswer = z.infer<typeof OfficerBundlesAnswer>;

export const OfficerFile = z.strictObject({
  sha256: Hex64,
  role: FileRole,
  mediaType: z.string().max(200),
  size: z.number().int().min(0),
  displayName: z.string().max(300),
});
export type OfficerFile = z.infer<typeof OfficerFile>;

/** `GET /officer/bundles/:sha256` */
export const OfficerBundleDetail = OfficerBundleRow.extend({
  envelopeDigest: Hex64,
  previousBundleDigest: Hex64.nullable(),
  audience: z.array(z.strictObject({ fingerprint: Hex64, name: z.string().nullable(), role: z.string().nullable() })),
  files: z.array(OfficerFile),
});
export type OfficerBundleDetail = z.infer<typeof OfficerBundleDetail>;

/** `GET /officer/bundles/:sha256/files/:file`: a PDF of a verified bundle, by its SHA-256. */
export const OfficerFileParams = z.strictObject({ sha256: Hex64, file: Hex64 });

/** `GET /officer/rejections?limit&cursor`: what HQ refused, newest first. */
export const RejectionRow = z.strictObject({
  id: z.number().int().min(1),
  sha256: Hex64,
  code: HqRejectionCode,
  reason: z.string().max(2000),
  keyId: HqKeyId.nullable(),
  bundleId: z.uuid().nullable(),
  at: Timestamp,
});
export type RejectionRow = z.infer<typeof RejectionRow>;
export const RejectionsAnswer = z.strictObject({ rows: z.array(RejectionRow), nextCursor: z.string().nullable() });
export type RejectionsAnswer = z.infer<typeof RejectionsAnswer>;

import { z } from 'zod';
import { warningCodes } from './bundle-codes';
import { Reason } from './cases';
import { Id, Timestamp, text, token } from './common';
import { FileSource } from './file-source';
import { KeyHex, KeyTrustStatus, TrustRoleName } from './keys';
import { ReportLanguage } from './reports';
import { Rejection } from './trust';

/*
 * Sealed, signed bundles (.aeob): a report version frozen with its PDFs, evidence and the audit head, signed by
 * its author and encrypted to HQ, the team leads and the author. Sealing, exporting to a file, importing with
 * full verification, and the verification report the UI shows: signer and role, key status, case, each file.
 */

export const bundleDirections = ['sealed', 'imported'] as const;
/** What each file of a bundle is; handouts and merged reports (issue 12) carry the last four. */
export const fileRoles = [
  'report',
  'validation-report-pdf',
  'control-plan-pdf',
  'evidence',
  'handout',
  'handout-envelope',
  'input-envelope',
  'input-report',
] as const;
export const bundleKinds = ['seal', 'handout', 'merged'] as const;
export const FileRole = z.enum(fileRoles);

export const CheckedFile = z.strictObject({
  sha256: KeyHex,
  role: FileRole,
  mediaType: text(),
  size: z.number().int(),
  displayName: text(),
  evidenceId: Id.optional(),
  /** Re-hashed and matched against the signed statement. */
  verified: z.literal(true),
});

export const VerificationReport = z.strictObject({
  bundleId: Id,
  envelopeDigest: KeyHex,
  signer: z.strictObject({
    keyId: KeyHex,
    name: text(),
    role: TrustRoleName,
    keyStatus: KeyTrustStatus,
    validUntil: Timestamp,
    userId: text(),
  }),
  deviceId: text(),
  caseId: text(),
  caseNumber: text(),
  /** A field report (`seal`), the lead's handout of a case to his team, or his merge of their field reports. */
  kind: z.enum(bundleKinds),
  reportVersion: z.strictObject({ id: text(), version: z.number().int(), modelSha256: KeyHex, supersedesId: text().nullable() }).nullable(),
  sequence: z.number().int(),
  previousBundleDigest: KeyHex.nullable(),
  createdAt: Timestamp,
  auditHead: z.strictObject({ hash: KeyHex, rows: z.number().int() }).nullable(),
  /** The handout a field report or a merged report started from. */
  handout: z.strictObject({ bundleId: Id, envelopeDigest: KeyHex }).nullable(),
  /** A merged report's inputs, each verified with its signer. */
  inputs: z.array(
    z.strictObject({
      bundleId: Id,
      envelopeDigest: KeyHex,
      signer: z.strictObject({ keyId: KeyHex, name: text(), role: TrustRoleName }),
      createdAt: Timestamp,
    }),
  ),
  /** Who co-signed a merged report after the lead. */
  cosigners: z.array(z.strictObject({ keyId: KeyHex, name: text(), role: TrustRoleName })),
  /** A handout's validators. */
  assignees: z.array(z.strictObject({ keyId: KeyHex, name: text() })),
  audience: z.array(z.strictObject({ fingerprint: KeyHex, name: text().nullable(), role: TrustRoleName.nullable() })),
  trustListVersion: z.number().int(),
  checkedWithTrustListVersion: z.number().int(),
  files: z.array(CheckedFile),
  bundleBytes: z.number().int(),
  plaintextBytes: z.number().int(),
  warnings: z.array(z.strictObject({ code: z.enum(warningCodes), message: text() })),
});
export type VerificationReport = z.infer<typeof VerificationReport>;

export const BundleSummary = z.strictObject({
  bundleId: Id,
  direction: z.enum(bundleDirections),
  envelopeDigest: KeyHex,
  signerKeyId: KeyHex,
  signerName: text(),
  caseId: text(),
  caseNumber: text(),
  reportVersionId: text(),
  sequence: z.number().int(),
  createdAt: Timestamp,
  recordedAt: Timestamp,
  size: z.number().int(),
  fileCount: z.number().int(),
  flags: z.array(text()),
});
export type BundleSummary = z.infer<typeof BundleSummary>;

export const BundleDetail = z.strictObject({ summary: BundleSummary, report: VerificationReport });
export type BundleDetail = z.infer<typeof BundleDetail>;

export const BundleSource = FileSource;

export const ImportResult = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('imported'), bundle: BundleDetail }),
  /** The same envelope digest was imported (or sealed) before: nothing changed, same answer. */
  z.strictObject({ outcome: z.literal('already_imported'), bundle: BundleDetail }),
  /** Refused: the code and one-line reason of the first failed check; nothing was written. */
  z.strictObject({ outcome: z.literal('rejected'), rejection: Rejection }),
]);
export type ImportResult = z.infer<typeof ImportResult>;

export const bundlesContract = {
  /**
   * Seals the case's report as it stands: its latest version (a new one, superseding the last, if the case changed
   * since), both PDFs in `lang`, the evidence and the audit head. Progress under `taskId`.
   */
  'bundles:seal': {
    input: z.strictObject({
      caseId: Id,
      /** The PDFs' language; without it, the case's report language. */
      lang: ReportLanguage.optional(),
      taskId: token(64).optional(),
      /**
       * Required while the pre-seal check (`reports:preSealCheck`) lists open items: without it the seal is
       * refused (`conflict`, issue code `open_items`); with it the sealed report prints the reason and the items.
       */
      overrideReason: Reason.optional(),
    }),
    output: BundleDetail,
  },
  /**
   * Desktop only: asks where to save the bundle (the system's save dialog, which confirms replacing a file) and
   * copies it there under a temp name, flushed, then renamed; never a partial file. `saved: false` when the user
   * cancelled. The page never names the target: in the browser preview it downloads
   * `GET /api/download/bundles/<bundleId>.aeob` instead, and this answers `unavailable`.
   */
  'bundles:export': {
    input: z.strictObject({ bundleId: Id }),
    output: z.strictObject({ bundleId: Id, saved: z.boolean(), fileName: text().nullable(), size: z.number().int() }),
  },
  /** Verifies everything, then stores the blobs and records the bundle. Progress under `taskId`. */
  'bundles:import': {
    input: z.strictObject({ source: BundleSource, taskId: token(64).optional() }),
    output: ImportResult,
  },
  'bundles:list': {
    input: z.strictObject({ caseId: Id.optional(), direction: z.enum(bundleDirections).optional() }),
    output: z.array(BundleSummary),
  },
  /** What was verified: signer and role, key status, case, every file. */
  'bundles:get': { input: z.strictObject({ bundleId: Id }), output: BundleDetail },
} as const;

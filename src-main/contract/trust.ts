import { z } from 'zod';
import { rejectionCodes } from './bundle-codes';
import { EmptyInput, Timestamp, text } from './common';
import { FileSource } from './file-source';
import { KeyHex, KeyTrustStatus, TrustRoleName } from './keys';

/*
 * The trust list from HQ: members (public keys, role, validity), revoked keys, a version that only goes up and an
 * expiry, signed by HQ. Imported from a file; a lower version is refused, an expired list is flagged.
 */

export const Rejection = z.strictObject({ code: z.enum(rejectionCodes), reason: text() });
export type Rejection = z.infer<typeof Rejection>;

export const TrustMemberView = z.strictObject({
  keyId: KeyHex,
  fingerprint: text(),
  name: text(),
  role: TrustRoleName,
  validFrom: Timestamp,
  validUntil: Timestamp,
  status: KeyTrustStatus,
});

export const TrustStatus = z.strictObject({
  installed: z
    .strictObject({
      version: z.number().int(),
      issuer: text(),
      issuedAt: Timestamp,
      expiresAt: Timestamp,
      expired: z.boolean(),
      digest: KeyHex,
      signedBy: z.array(z.strictObject({ keyId: KeyHex, name: text() })),
      importedAt: Timestamp,
      members: z.array(TrustMemberView),
      revoked: z.array(z.strictObject({ keyId: KeyHex, revokedAt: Timestamp, reason: text() })),
    })
    .nullable(),
  warnings: z.array(text()),
});
export type TrustStatus = z.infer<typeof TrustStatus>;

export const TrustSource = z.union([
  ...FileSource.options,
  z.strictObject({ content: text().min(1).max(32 * 1024 * 1024) }),
]);

/** An HQ key that signed a list, as the user compares it with what HQ read out to them. */
export const HqKeyView = z.strictObject({ keyId: KeyHex, fingerprint: z.string(), name: z.string() });
export type HqKeyView = z.infer<typeof HqKeyView>;

export const TrustImportResult = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('installed'), status: TrustStatus }),
  /** The first list on a device: nothing was installed; show these fingerprints and import again confirming one. */
  z.strictObject({
    outcome: z.literal('needs_confirmation'),
    version: z.number().int(),
    issuer: z.string(),
    signedBy: z.array(HqKeyView),
    status: TrustStatus,
  }),
  z.strictObject({ outcome: z.literal('unchanged'), status: TrustStatus }),
  z.strictObject({ outcome: z.literal('rejected'), rejection: Rejection, status: TrustStatus }),
]);
export type TrustImportResult = z.infer<typeof TrustImportResult>;

export const trustContract = {
  'trust:status': { input: EmptyInput, output: TrustStatus },
  /**
   * Imports a signed trust list. It must be signed by an HQ key of the installed list; a lower version is
   * `trust_rollback`, an already expired list `trust_expired`. The first list on a device is signed by an HQ key it
   * names itself, which proves nothing alone: without `anchorKeyId` (pinned out of band) the answer is
   * `needs_confirmation` with the signing HQ key's fingerprint and nothing changes; importing again with that
   * fingerprint in `confirmFingerprint` installs it (another fingerprint: `trust_fingerprint_mismatch`).
   */
  'trust:import': {
    input: z.strictObject({ source: TrustSource, anchorKeyId: KeyHex.optional(), confirmFingerprint: z.string().min(1).max(200).optional() }),
    output: TrustImportResult,
  },
} as const;

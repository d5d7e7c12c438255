import { z } from 'zod';
import { EmptyInput, Id, Timestamp, text } from './common';

/*
 * The current user's keys on this device: an Ed25519 signing key and an X25519 age identity, private halves
 * wrapped by the OS keychain (app) or a passphrase (CLI, preview). The UI shows the fingerprint and exports the
 * public keys as an enrollment file for HQ.
 */

export const KeyHex = text().regex(/^[0-9a-f]{64}$/);
export const TrustRoleName = z.enum(['validator', 'team_lead', 'hq']);
export const KeyTrustStatus = z.enum(['valid', 'unknown', 'revoked', 'expired', 'not_yet_valid', 'no_trust_list']);

/** Shortest passphrase that may wrap new private keys: scrypt slows guessing, it cannot save a short secret. */
export const MIN_PASSPHRASE_LENGTH = 12;
export const Passphrase = z
  .string()
  .min(MIN_PASSPHRASE_LENGTH, { message: `too_short: a passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters` });

export const KeysStatus = z.strictObject({
  deviceId: Id,
  user: z.strictObject({ id: Id, name: text() }).nullable(),
  key: z
    .strictObject({
      keyId: KeyHex,
      /** The key id in sixteen groups of four hex digits, as users compare it. */
      fingerprint: text(),
      ageRecipient: text(),
      wrapMethod: z.enum(['safe-storage', 'passphrase']),
      createdAt: Timestamp,
    })
    .nullable(),
  /** How private keys are protected here, and why not, when they cannot be. */
  protection: z.strictObject({
    method: z.enum(['safe-storage', 'passphrase']),
    available: z.boolean(),
    reason: text().nullable(),
  }),
  /** What the installed trust list says about this key. */
  trust: z.strictObject({ status: KeyTrustStatus, role: TrustRoleName.nullable(), trustListVersion: z.number().int().nullable() }),
});
export type KeysStatus = z.infer<typeof KeysStatus>;

export const Enrollment = z.strictObject({
  keyId: KeyHex,
  fingerprint: text(),
  fileName: text(),
  /** The enrollment file (a self-signed DSSE envelope) to hand to HQ. */
  content: text(),
  /** Whether it was saved to a file the user chose in the desktop save dialog (`save: true`). */
  saved: z.boolean(),
});
export type Enrollment = z.infer<typeof Enrollment>;

export const keysContract = {
  'keys:status': { input: EmptyInput, output: KeysStatus },
  /** Makes keys for the current user; refuses when one exists unless `replace` (the old key is retired). */
  'keys:create': { input: z.strictObject({ replace: z.boolean().default(false) }), output: KeysStatus },
  /**
   * The public keys as an enrollment file. With `save` (desktop only) the system's save dialog asks where to write
   * it (temp, fsync, rename); the browser preview downloads `GET /api/download/enrollment` instead.
   */
  'keys:exportEnrollment': { input: z.strictObject({ save: z.boolean().default(false) }), output: Enrollment },
} as const;

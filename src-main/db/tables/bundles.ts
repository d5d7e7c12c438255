import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bundleDirections, fileRoles } from '../../contract/bundles';
import { wrapMethods } from '../../contract/keys';
import { users } from './core';
import { id, ref, stamp, stringList } from '../../core/sql-columns';

/**
 * A user's signing key (Ed25519) and age identity (X25519) on this device. Public halves in clear; the private
 * halves only wrapped (`wrap_method`: the OS keychain through safeStorage, or a passphrase through scrypt). One
 * active key per user; a replaced key is retired, never deleted, so older bundles keep their signer.
 */
export const userKeys = sqliteTable(
  'user_keys',
  {
    keyId: text('key_id').primaryKey(),
    userId: ref('user_id', () => users.id),
    /** Base64 of the 32-byte Ed25519 public key; `key_id` is its SHA-256. */
    signingPublicKey: text('signing_public_key').notNull(),
    ageRecipient: text('age_recipient').notNull(),
    wrappedSecret: blob('wrapped_secret', { mode: 'buffer' }).notNull(),
    wrapMethod: text('wrap_method', { enum: wrapMethods }).notNull(),
    createdAt: stamp('created_at'),
    retiredAt: text('retired_at'),
  },
  (t) => [uniqueIndex('user_keys_active_user').on(t.userId).where(sql`retired_at IS NULL`)],
);

/** Every trust list HQ ever sent this device, as signed; the highest version is the one in force. */
export const trustLists = sqliteTable('trust_lists', {
  id: id(),
  version: integer('version').notNull().unique(),
  /** SHA-256 of the signed payload: the same list imported twice has the same digest. */
  digest: text('digest').notNull(),
  /** The signed file (DSSE envelope JSON) exactly as imported. */
  file: text('file').notNull(),
  issuer: text('issuer').notNull(),
  issuedAt: stamp('issued_at'),
  expiresAt: stamp('expires_at'),
  signedBy: stringList('signed_by'),
  importedAt: stamp('imported_at'),
  importedBy: text('imported_by').notNull(),
});

/**
 * Bundles this device sealed or imported, one row per bundle id. The envelope digest is unique: importing the
 * same bundle again finds its row and changes nothing. `case_id` has no foreign key: HQ imports cases it has
 * never seen. `report` is the verification report as the UI shows it.
 */
export const bundles = sqliteTable(
  'bundles',
  {
    bundleId: text('bundle_id').primaryKey(),
    envelopeDigest: text('envelope_digest').notNull().unique(),
    direction: text('direction', { enum: bundleDirections }).notNull(),
    signerKeyId: text('signer_key_id').notNull(),
    signerName: text('signer_name').notNull(),
    sequence: integer('sequence').notNull(),
    previousDigest: text('previous_digest'),
    caseId: text('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    reportVersionId: text('report_version_id').notNull(),
    /** When the author sealed it (from the signed statement). */
    createdAt: stamp('created_at'),
    /** When this device sealed or imported it. */
    recordedAt: stamp('recorded_at'),
    recordedBy: text('recorded_by').notNull(),
    /** This device's copy of the .aeob file, for bundles it sealed; imported bundles live on as blobs. */
    path: text('path'),
    size: integer('size').notNull(),
    trustListVersion: integer('trust_list_version').notNull(),
    /** Warnings kept with the record (sequence_regression, chain_mismatch, trust_list_expired…). */
    flags: stringList('flags'),
    report: text('report').notNull(),
  },
  (t) => [index('bundles_signer_sequence').on(t.signerKeyId, t.sequence), index('bundles_case').on(t.caseId)],
);

/** The files a bundle carries, by digest; imported ones live in the blob store. */
export const bundleFiles = sqliteTable(
  'bundle_files',
  {
    id: id(),
    bundleId: ref('bundle_id', () => bundles.bundleId),
    sha256: text('sha256').notNull(),
    role: text('role', { enum: fileRoles }).notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    displayName: text('display_name').notNull(),
    evidenceId: text('evidence_id'),
  },
  (t) => [index('bundle_files_bundle').on(t.bundleId), index('bundle_files_sha256').on(t.sha256)],
);

/** Per signing key of this device: the last sequence number it sealed and that bundle's envelope digest. */
export const keySequences = sqliteTable('key_sequences', {
  keyId: text('key_id').primaryKey(),
  lastSequence: integer('last_sequence').notNull(),
  lastDigest: text('last_digest').notNull(),
  lastBundleId: text('last_bundle_id').notNull(),
  updatedAt: stamp('updated_at'),
});

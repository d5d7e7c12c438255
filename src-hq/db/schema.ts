import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { stamp } from '../../src-main/core/sql-columns';

/*
 * HQ's own store (migrations under migrations/hq/, drizzle.hq.config.ts). Bundles are kept as files named by their
 * SHA-256 (hq-data/bundles), verified, once; these tables say what each one is, who may fetch it and what HQ
 * answered. Nothing here is ever deleted by the server except expired half-finished uploads.
 */

/** Each trust list HQ signed, by version; the highest is the current one. */
export const trustLists = sqliteTable('trust_lists', {
  version: integer('version').primaryKey(),
  digest: text('digest').notNull(),
  file: text('file').notNull(),
  issuedAt: stamp('issued_at'),
  expiresAt: stamp('expires_at'),
});

/** Enrollment files devices sent, and what the administrator decided. */
export const enrollments = sqliteTable(
  'enrollments',
  {
    keyId: text('key_id').primaryKey(),
    name: text('name').notNull(),
    deviceRole: text('device_role').notNull(),
    file: text('file').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'revoked'] }).notNull(),
    role: text('role'),
    receivedAt: stamp('received_at'),
    decidedAt: text('decided_at'),
  },
  (t) => [check('enrollment_status', sql`${t.status} IN ('pending', 'approved', 'revoked')`)],
);

/** Ingested bundles; `hq_sequence` is HQ's receipt counter (AUTOINCREMENT: never reused). */
export const bundles = sqliteTable(
  'bundles',
  {
    hqSequence: integer('hq_sequence').primaryKey({ autoIncrement: true }),
    sha256: text('sha256').notNull().unique(),
    bundleId: text('bundle_id').notNull().unique(),
    envelopeDigest: text('envelope_digest').notNull().unique(),
    kind: text('kind').notNull(),
    signerKeyId: text('signer_key_id').notNull(),
    sequence: integer('sequence').notNull(),
    caseNumber: text('case_number').notNull(),
    size: integer('size').notNull(),
    receivedAt: stamp('received_at'),
    flags: text('flags').notNull(),
    /** The core's verification report, JSON: signer, case, files, audience, warnings. */
    report: text('report').notNull(),
    /** The signed receipt, DSSE JSON. */
    receipt: text('receipt').notNull(),
  },
  (t) => [index('bundles_signer').on(t.signerKeyId, t.sequence)],
);

/** Who each bundle is addressed to: fingerprints of age recipients, from its statement. */
export const bundleAudience = sqliteTable(
  'bundle_audience',
  {
    hqSequence: integer('hq_sequence')
      .notNull()
      .references(() => bundles.hqSequence),
    fingerprint: text('fingerprint').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hqSequence, t.fingerprint] }), index('bundle_audience_fingerprint').on(t.fingerprint)],
);

/** Other file hashes whose content HQ already held under one envelope digest: they get that bundle's receipt. */
export const bundleAliases = sqliteTable('bundle_aliases', {
  sha256: text('sha256').primaryKey(),
  hqSequence: integer('hq_sequence')
    .notNull()
    .references(() => bundles.hqSequence),
});

/** Every refusal, kept: the device reads the latest for its upload's hash; officers read them all. */
export const rejections = sqliteTable(
  'rejections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sha256: text('sha256').notNull(),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    keyId: text('key_id'),
    bundleId: text('bundle_id'),
    at: stamp('at'),
  },
  (t) => [index('rejections_sha256').on(t.sha256)],
);

/** tus uploads in progress: whose they are and when they started (for expiry by HQ's clock). */
export const uploads = sqliteTable('uploads', {
  id: text('id').primaryKey(),
  keyId: text('key_id').notNull(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  createdAt: stamp('created_at'),
});

import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { outboxStates } from '../../contract/sync';
import { bundles } from './bundles';
import { stamp } from '../../core/sql-columns';

/**
 * The outbox: every bundle this device sealed, on its way to HQ. `queued` → `uploading` (HQ holds `offset` bytes of
 * it under `upload_url`) → `delivered` (HQ's signed receipt, verified with the pinned HQ key, kept as signed) or
 * `rejected` (HQ's code and reason; the user retries or removes it). Keyed by the bundle; the .aeob file's SHA-256
 * is what HQ and the resumable upload know it by, so the upload URL is found again by it after a restart.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    bundleId: text('bundle_id')
      .primaryKey()
      .references(() => bundles.bundleId, { onDelete: 'restrict' }),
    sha256: text('sha256').notNull().unique(),
    size: integer('size').notNull(),
    state: text('state', { enum: outboxStates }).notNull(),
    /** Bytes HQ confirmed it holds (tus Upload-Offset); only ever shown, never trusted for resuming. */
    offset: integer('offset').notNull().default(0),
    /** The tus upload URL and the HQ address it belongs to: another HQ address starts a new upload there. */
    uploadUrl: text('upload_url'),
    uploadHq: text('upload_hq'),
    uploadCreatedAt: text('upload_created_at'),
    attempts: integer('attempts').notNull().default(0),
    /** Why the last attempt stopped short (HQ unreachable, connection dropped), in plain words; cleared on success. */
    lastError: text('last_error'),
    rejectionCode: text('rejection_code'),
    rejectionReason: text('rejection_reason'),
    /** HQ's receipt as signed (DSSE envelope JSON), and what it says, once verified against the pinned key. */
    receipt: text('receipt'),
    receiptHqKeyId: text('receipt_hq_key_id'),
    receivedAt: text('received_at'),
    receiptSequence: integer('receipt_sequence'),
    queuedAt: stamp('queued_at'),
    updatedAt: stamp('updated_at'),
    deliveredAt: text('delivered_at'),
  },
  (t) => [index('outbox_state').on(t.state)],
);

/** Bundles HQ offered this device (its inbox), by the .aeob file's SHA-256: each fetched and imported once. */
export const inbox = sqliteTable('inbox', {
  sha256: text('sha256').primaryKey(),
  bundleId: text('bundle_id').notNull(),
  size: integer('size').notNull(),
  /** imported, already_imported or rejected (with code and reason); a failed download leaves no row. */
  outcome: text('outcome').notNull(),
  rejectionCode: text('rejection_code'),
  rejectionReason: text('rejection_reason'),
  fetchedAt: stamp('fetched_at'),
});

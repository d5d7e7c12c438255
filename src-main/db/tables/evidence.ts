import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { evidenceKinds } from '../../contract/evidence';
import { checklistRuns } from './checklists';
import { caseTable } from '../case-rows';
import { freeText, optionalRef, ref, stamp } from '../../core/sql-columns';

/** Files in the content-addressed store, one row per distinct content. */
export const blobs = sqliteTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  mediaType: text('media_type').notNull(),
  storedAt: stamp('stored_at'),
});

/**
 * A photo's print rendition (issue 14): upright, at most 600 px on its long side, JPEG, made once when the photo is
 * stored (or, for a photo stored before renditions existed, at its first print) and kept in the blob store under
 * its own hash. The report prints these bytes as they are, so printing never decodes a full-size photo.
 */
export const printRenditions = sqliteTable('print_renditions', {
  sourceSha256: text('source_sha256')
    .primaryKey()
    .references(() => blobs.sha256, { onDelete: 'restrict' }),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  madeAt: text('made_at').notNull(),
});

export const evidence = caseTable(
  'evidence',
  {
    runId: optionalRef('run_id', () => checklistRuns.id),
    itemId: text('item_id'),
    sha256: ref('sha256', () => blobs.sha256),
    kind: text('kind', { enum: evidenceKinds }).notNull(),
    originalName: text('original_name').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(),
    /** EXIF DateTimeOriginal for photos, else the file's modification time. */
    capturedAt: stamp('captured_at'),
    /** The date the evidence speaks for, settable by the validator (a photo of last month's seal log). */
    effectiveDate: text('effective_date'),
    caption: freeText('caption'),
    attachedBy: text('attached_by').notNull(),
    attachedByName: text('attached_by_name').notNull(),
    attachedAt: stamp('attached_at'),
    removedAt: text('removed_at'),
  },
  (t) => [index('evidence_run_item').on(t.runId, t.itemId)],
);

/* ---- Issue 4: risk register, findings, assessment, control plan, report versions ---- */

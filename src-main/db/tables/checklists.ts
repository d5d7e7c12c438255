import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { templateOrigins } from '../../contract/templates';
import { sites } from './plan';
import { caseTable } from '../case-rows';
import { edited, freeText, id, optionalRef, ref, stamp } from '../../core/sql-columns';

/** Every version of every template ever loaded or imported; rows are never changed, so runs can pin them. */
export const checklistTemplates = sqliteTable(
  'checklist_templates',
  {
    id: id(),
    templateId: text('template_id').notNull(),
    version: integer('version').notNull(),
    /** The validated template JSON, exactly as stored. */
    body: text('body').notNull(),
    sha256: text('sha256').notNull(),
    origin: text('origin', { enum: templateOrigins }).notNull(),
    loadedAt: stamp('loaded_at'),
  },
  (t) => [uniqueIndex('checklist_templates_id_version').on(t.templateId, t.version)],
);

export const checklistRuns = caseTable('checklist_runs', {
  siteId: optionalRef('site_id', () => sites.id),
  /** The pinned template version: a newer version never changes this run. */
  templateRowId: ref('template_row_id', () => checklistTemplates.id),
  label: freeText('label'),
  metadata: text('metadata', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  createdBy: text('created_by').notNull(),
  ...edited(),
  /** Sign-off: set by "Finish" (the run is read-only from then on), cleared by a reopen with a reason. */
  finishedAt: text('finished_at'),
  finishedBy: text('finished_by'),
  finishedByName: text('finished_by_name'),
  /** The signature drawn at sign-off, a PNG in the blob store; null when none was drawn. */
  signatureSha256: text('signature_sha256'),
});

export const answers = sqliteTable(
  'answers',
  {
    id: id(),
    runId: ref('run_id', () => checklistRuns.id),
    itemId: text('item_id').notNull(),
    /** JSON of the typed value; null when only a note was written or the answer was cleared. */
    value: text('value'),
    note: freeText('note'),
    answeredBy: text('answered_by').notNull(),
    answeredByName: text('answered_by_name').notNull(),
    answeredAt: stamp('answered_at'),
    /** Counts saves of this row: a writer names the revision it edited, and an older one is refused (stale write). */
    revision: integer('revision').notNull().default(0),
  },
  (t) => [uniqueIndex('answers_run_item').on(t.runId, t.itemId)],
);

/* ---- Issue 3: evidence ---- */

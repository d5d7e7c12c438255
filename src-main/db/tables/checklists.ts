import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { templateOrigins } from '../../contract/templates';
import { cases } from './core';
import { sites } from './plan';

/** Every version of every template ever loaded or imported; rows are never changed, so runs can pin them. */
export const checklistTemplates = sqliteTable(
  'checklist_templates',
  {
    id: text('id').primaryKey(),
    templateId: text('template_id').notNull(),
    version: integer('version').notNull(),
    /** The validated template JSON, exactly as stored. */
    body: text('body').notNull(),
    sha256: text('sha256').notNull(),
    origin: text('origin', { enum: templateOrigins }).notNull(),
    loadedAt: text('loaded_at').notNull(),
  },
  (t) => [uniqueIndex('checklist_templates_id_version').on(t.templateId, t.version)],
);

export const checklistRuns = sqliteTable(
  'checklist_runs',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'restrict' }),
    siteId: text('site_id').references(() => sites.id, { onDelete: 'restrict' }),
    /** The pinned template version: a newer version never changes this run. */
    templateRowId: text('template_row_id')
      .notNull()
      .references(() => checklistTemplates.id, { onDelete: 'restrict' }),
    label: text('label').notNull().default(''),
    metadata: text('metadata', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** Sign-off: set by "Finish" (the run is read-only from then on), cleared by a reopen with a reason. */
    finishedAt: text('finished_at'),
    finishedBy: text('finished_by'),
    finishedByName: text('finished_by_name'),
    /** The signature drawn at sign-off, a PNG in the blob store; null when none was drawn. */
    signatureSha256: text('signature_sha256'),
  },
  (t) => [index('checklist_runs_case').on(t.caseId)],
);

export const answers = sqliteTable(
  'answers',
  {
    id: text('id').primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => checklistRuns.id, { onDelete: 'restrict' }),
    itemId: text('item_id').notNull(),
    /** JSON of the typed value; null when only a note was written or the answer was cleared. */
    value: text('value'),
    note: text('note').notNull().default(''),
    answeredBy: text('answered_by').notNull(),
    answeredByName: text('answered_by_name').notNull(),
    answeredAt: text('answered_at').notNull(),
    /** Counts saves of this row: a writer names the revision it edited, and an older one is refused (stale write). */
    revision: integer('revision').notNull().default(0),
  },
  (t) => [uniqueIndex('answers_run_item').on(t.runId, t.itemId)],
);

/* ---- Issue 3: evidence ---- */

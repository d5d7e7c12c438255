import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { reportDocuments, reportLanguages } from '../../contract/reports';
import { reportVersions } from './assessment';
import { id, ref, stamp } from '../../core/sql-columns';

/**
 * The PDFs printed for a frozen report version (issue 14: printing happens once per version). A version's model
 * never changes, so its PDF never does either: a later print answers this file, and sealing takes it instead of
 * printing again, re-hashing it against the digest recorded here. Rows are insert-only (migration triggers).
 */
export const printedPdfs = sqliteTable(
  'printed_pdfs',
  {
    id: id(),
    reportVersionId: ref('report_version_id', () => reportVersions.id),
    document: text('document', { enum: reportDocuments }).notNull(),
    lang: text('lang', { enum: reportLanguages }).notNull(),
    /** The model the PDF was printed from: a draft refreshed since prints again. */
    modelSha256: text('model_sha256').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    pages: integer('pages').notNull(),
    printedAt: stamp('printed_at'),
  },
  (t) => [uniqueIndex('printed_pdfs_version_document_lang').on(t.reportVersionId, t.document, t.lang)],
);

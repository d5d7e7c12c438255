import { asc, eq } from 'drizzle-orm';
import { printingPhases } from '../../contract/progress';
import type { ReportLanguage, ReportModel } from '../../contract/reports';
import { blobPath } from '../../core/blob-store';
import type { SealBlob } from '../../core/bundle/seal';
import type { Actor } from '../../db/audit-chain';
import type { Store } from '../../db/open';
import { answers, checklistRuns, evidence, reportVersions } from '../../db/schema';
import { blobRoot } from '../evidence';
import { liveRows } from '../case-rows';
import { readSnapshot } from '../team/snapshot-store';
import { versionPdf } from '../printed-pdfs';
import type { Progress } from './layout';

/*
 * What a seal carries besides its signed statement: both PDFs of the frozen version, the report as JSON, and the
 * case's evidence. Each takes the version's model already parsed, so a seal parses the stored model once.
 */

type VersionRow = typeof reportVersions.$inferSelect;

/**
 * Both PDFs of a version: the ones already printed for it (`reports:pdf`), each carrying the digest recorded when it
 * was printed, which the seal re-hashes it against; a PDF not printed yet is printed now, once for the version.
 */
export async function versionPdfs(store: Store, actor: Actor, row: VersionRow, model: ReportModel, lang: ReportLanguage, progress: Progress): Promise<SealBlob[]> {
  const documents = [
    { document: 'validation-report' as const, role: 'validation-report-pdf' as const },
    { document: 'control-plan' as const, role: 'control-plan-pdf' as const },
  ];
  const out: SealBlob[] = [];
  for (const { document, role } of documents) {
    const pdf = await versionPdf(store, actor, row, model, document, lang, (p) => progress(printingPhases[document], p.done, p.total));
    out.push({
      role,
      mediaType: 'application/pdf',
      displayName: `${document}.v${row.version}.${lang}.pdf`,
      size: pdf.size,
      sha256: pdf.sha256,
      path: pdf.path,
    });
  }
  return out;
}

/** The sealed report as JSON: the frozen model (report, control plan, risks, findings), every answer, the audit head, the case's rows. */
export function reportDocument(store: Store, row: VersionRow, model: ReportModel, auditHead: { hash: string; rows: number }): Buffer {
  const rows = store.db
    .select({
      runId: answers.runId,
      itemId: answers.itemId,
      value: answers.value,
      note: answers.note,
      answeredBy: answers.answeredBy,
      answeredByName: answers.answeredByName,
      answeredAt: answers.answeredAt,
    })
    .from(answers)
    .innerJoin(checklistRuns, eq(checklistRuns.id, answers.runId))
    .where(eq(checklistRuns.caseId, row.caseId))
    .orderBy(asc(answers.runId), asc(answers.itemId))
    .all();
  const parse = (value: string | null): unknown => {
    if (value === null) return null;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  };
  return Buffer.from(
    JSON.stringify({
      _type: 'https://aeo-validator.example/sealed-report/v1',
      reportVersion: {
        id: row.id,
        caseId: row.caseId,
        version: row.version,
        modelSha256: row.modelSha256,
        supersedesId: row.supersedesId,
        createdAt: row.createdAt,
        createdBy: row.createdBy,
      },
      model,
      answers: rows.map((a) => ({ ...a, value: parse(a.value) })),
      auditHead,
      // The case as rows with their stable ids: what the lead's merge compares with the handout (issue 12).
      snapshot: readSnapshot(store, row.caseId),
    }),
    'utf8',
  );
}

export function evidenceBlobs(store: Store, caseId: string): SealBlob[] {
  return liveRows(store, evidence, eq(evidence.caseId, caseId), [asc(evidence.attachedAt)]).map((e) => ({
    role: 'evidence' as const,
    mediaType: /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(e.mediaType) ? e.mediaType : 'application/octet-stream',
    // A name is shown, never used as a path; control characters (a newline in a file name) are masked.
    // eslint-disable-next-line no-control-regex
    displayName: e.originalName.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 300) || 'evidence',
    size: e.size,
    sha256: e.sha256,
    evidenceId: e.id,
    path: blobPath(blobRoot(store), e.sha256),
  }));
}

import { and, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ReportDocument, ReportLanguage, ReportModel } from '../contract/reports';
import { AppError } from '../contract/result';
import { assetsDir } from '../core/app-paths';
import { newId, nowUtc } from '../core/ids';
import { ensureRealDirs, openRegularFileNoFollow } from '../core/no-follow';
import { runWorkerTask } from '../core/worker-task';
import { appendAudit, type Actor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { printedPdfs, type reportVersions } from '../db/schema';
import type { PdfJob, PdfJobResult, PrintPhotos } from '../report/pdf-job';
import { blobRoot } from './evidence';
import { printPhotos } from './evidence-renditions';

/*
 * Printing happens once per frozen report version (issue 14). A version's PDF depends on its frozen model alone
 * (it does not say "draft" or "sealed": the bundle is what proves a seal), so the file `reports:pdf` printed is
 * the file a seal carries. Its digest is recorded in printed_pdfs; a later print or seal re-hashes the file against
 * that digest and prints again only when the file is gone or altered, or a draft was refreshed since.
 */

type VersionRow = typeof reportVersions.$inferSelect;

export const fontsDir = () => path.join(assetsDir(), 'fonts', 'pt-sans');
export const reportsDir = (store: Store) => path.join(store.dataDir, 'reports');
export const pdfPath = (store: Store, versionId: string, document: ReportDocument, lang: ReportLanguage): string =>
  path.join(reportsDir(store), versionId, `${document}.${lang}.pdf`);

/**
 * The PDF worker's young generation, in MB. V8's default let it grow to about 32 MB of semi-spaces per worker;
 * `aeo report` prints both documents at once, so both workers' heaps count in one process. Measured on the
 * report bench's case (issue 14): capped like this, `aeo report` peaked 10–40 MB lower, with no CPU time to tell
 * apart from the default in the noise of a shared machine (layout allocates mostly short-lived nodes).
 */
const YOUNG_GENERATION_MB: Record<ReportDocument, number> = { 'validation-report': 16, 'control-plan': 8 };

export type PrintedPdf = { path: string; sha256: string; size: number; pages: number; printed: boolean };

/** The SHA-256 of the regular file at reports/<version>/<name> (never through a link), or null when there is none. */
async function digestOf(store: Store, versionId: string, name: string): Promise<string | null> {
  const handle = await openRegularFileNoFollow(store.dataDir, ['reports', versionId, name]);
  if (!handle) return null;
  try {
    const hash = createHash('sha256');
    for await (const chunk of handle.createReadStream({ highWaterMark: 64 * 1024, autoClose: false })) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

/**
 * The version's PDF: the one already printed when its file still holds the recorded digest, else printed now (in
 * the PDF worker) and recorded, with an audit row. `actor` is who the record is attributed to.
 */
export async function versionPdf(
  store: Store,
  actor: Actor,
  row: VersionRow,
  model: ReportModel,
  document: ReportDocument,
  lang: ReportLanguage,
  onProgress?: (progress: { phase: string; done: number; total: number }) => void,
): Promise<PrintedPdf> {
  const outPath = pdfPath(store, row.id, document, lang);
  const name = `${document}.${lang}.pdf`;
  const where = and(eq(printedPdfs.reportVersionId, row.id), eq(printedPdfs.document, document), eq(printedPdfs.lang, lang));
  const recorded = store.db.select().from(printedPdfs).where(where).get();
  if (recorded && recorded.modelSha256 === row.modelSha256 && (await digestOf(store, row.id, name)) === recorded.sha256) {
    return { path: outPath, sha256: recorded.sha256, size: recorded.size, pages: recorded.pages, printed: false };
  }
  // A symbolic link planted as reports/ or reports/<version>/ would send the PDF outside the data folder; the
  // worker's exclusive temp file and rename take care of a link planted as the PDF itself.
  await ensureRealDirs(store.dataDir, ['reports', row.id]).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'ENOTDIR') {
      throw new AppError('unavailable', 'The reports folder in the data folder is not a plain folder (a link?); nothing was printed.');
    }
    throw error;
  });
  const job: PdfJob = {
    document,
    model,
    lang,
    meta: { version: row.version, createdAt: row.createdAt },
    outPath,
    fontsDir: fontsDir(),
    blobRoot: blobRoot(store),
    ...(document === 'validation-report' ? {} : { photos: {} }),
  };
  // The photos' print renditions, checked (or made once, for photos stored before renditions existed) here, where
  // the store is: the worker only copies their bytes into the PDF. The worker starts meanwhile and gets them when
  // they are checked: its start-up (0.17 s) overlaps the check (0.35 s for 120 photos, 127 MB; measured, issue 14).
  const photos = document === 'validation-report' ? printPhotos(store, actor, model.evidence.filter((e) => e.kind === 'photo')) : undefined;
  const result = await runWorkerTask<PdfJobResult, PrintPhotos>('pdf', job, {
    ...(onProgress ? { onProgress } : {}),
    ...(photos ? { rest: photos } : {}),
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB[document] },
  });
  const printed = { path: outPath, sha256: result.sha256, size: result.size, pages: result.pages, printed: true };
  // The same frozen model printed again (its file had been removed) gives the same bytes: the record holds.
  if (recorded && recorded.modelSha256 === row.modelSha256 && recorded.sha256 === result.sha256) return printed;
  const record = { modelSha256: row.modelSha256, sha256: result.sha256, size: result.size, pages: result.pages, printedAt: nowUtc() };
  store.db.transaction(() => {
    // The record of a sealed version never changes (a trigger refuses it): its PDF is the one in the bundle.
    if (recorded) store.db.update(printedPdfs).set(record).where(where).run();
    else store.db.insert(printedPdfs).values({ id: newId(), reportVersionId: row.id, document, lang, ...record }).run();
    appendAudit(store.sqlite, actor, [
      { entity: 'report_version', entityId: row.id, action: 'update', field: `pdf.${document}.${lang}`, before: recorded?.sha256 ?? null, after: result.sha256 },
    ]);
  });
  return printed;
}

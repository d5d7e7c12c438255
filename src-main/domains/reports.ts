import { and, desc, eq, max } from 'drizzle-orm';
import { ReportModel, type PdfResult, type ReportDocument, type ReportLanguage, type ReportVersionSummary } from '../contract/reports';
import { AppError } from '../contract/result';
import { pdfPath, versionPdf } from './printed-pdfs';
import { ProgressPhase } from '../contract/progress';
import { exportFileName } from '../core/file-names';
import { openRegularFileNoFollow } from '../core/no-follow';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, type Actor, type UserActor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { reportVersions, users } from '../db/schema';
import { requireActor, requireHost, type HandlerContext, type HandlerMap } from '../kernel/context';
import { caseReportLanguage, getCase } from './cases';
import { requireCase } from './case-rows';
import { openItems } from './consistency';
import {
  composeReportContent,
  composeReportModel,
  currentContentHash,
  modelContentHash,
  serializeModel,
  type ModelExtras,
} from './report-model';

/*
 * Report versions: a version freezes the composed model of a case (numbered 1, 2, … per case). A draft may be
 * refreshed from the case; a sealed version never changes (refused here, and by a trigger in the database).
 * PDFs print from a frozen version, so the validation report and the control plan of one version always agree.
 */

type VersionRow = typeof reportVersions.$inferSelect;

export { fontsDir, reportsDir, pdfPath } from './printed-pdfs';

function summaryOf(store: Store, row: VersionRow): ReportVersionSummary {
  const name = store.db.select({ name: users.name }).from(users).where(eq(users.id, row.createdBy)).get()?.name;
  return {
    id: row.id,
    caseId: row.caseId,
    version: row.version,
    modelSha256: row.modelSha256,
    createdBy: row.createdBy,
    createdByName: name ?? row.createdBy,
    createdAt: row.createdAt,
    status: row.status,
    supersedesId: row.supersedesId,
    sealedAt: row.sealedAt,
  };
}

function versionRow(store: Store, id: string): VersionRow {
  const row = store.db.select().from(reportVersions).where(eq(reportVersions.id, id)).get();
  if (!row) throw new AppError('not_found', 'No report version with this id.');
  return row;
}

function latestVersion(store: Store, caseId: string): VersionRow | undefined {
  return store.db
    .select()
    .from(reportVersions)
    .where(eq(reportVersions.caseId, caseId))
    .orderBy(desc(reportVersions.version))
    .limit(1)
    .get();
}

export function parseStoredModel(row: VersionRow): ReportModel {
  return ReportModel.parse(JSON.parse(row.model));
}

/** Freezes the case's current model as its next version (a draft). Call inside a transaction. */
export function createVersion(store: Store, actor: UserActor, caseId: string, extras: ModelExtras = {}): VersionRow {
  requireCase(store, caseId);
  const model = composeReportModel(store, caseId, undefined, extras);
  const { json, sha256 } = serializeModel(model);
  const previous = latestVersion(store, caseId);
  const next =
    (store.db.select({ n: max(reportVersions.version) }).from(reportVersions).where(eq(reportVersions.caseId, caseId)).get()?.n ?? 0) + 1;
  const row: VersionRow = {
    id: newId(),
    caseId,
    version: next,
    model: json,
    modelSha256: sha256,
    createdBy: actor.id,
    createdAt: nowUtc(),
    status: 'draft',
    supersedesId: previous?.id ?? null,
    sealedAt: null,
  };
  store.db.insert(reportVersions).values(row).run();
  appendAudit(store.sqlite, actor, [
    {
      entity: 'report_version',
      entityId: row.id,
      action: 'create',
      after: { caseId, version: row.version, modelSha256: sha256, status: 'draft', supersedesId: row.supersedesId },
    },
  ]);
  return row;
}

function refuseSealed(row: VersionRow): void {
  if (row.status === 'sealed') {
    throw new AppError('immutable', `Version ${row.version} of this report is sealed and can no longer change. Create a new version instead.`);
  }
}

/**
 * Marks a draft sealed: from then on neither the app nor the database lets it change. For the sealing of signed
 * bundles (a later stage), which calls this inside its own transaction after it has signed the model hash.
 */
export function markVersionSealed(store: Store, actor: Actor, versionId: string): ReportVersionSummary {
  const row = versionRow(store, versionId);
  refuseSealed(row);
  const sealedAt = nowUtc();
  store.db
    .update(reportVersions)
    .set({ status: 'sealed', sealedAt })
    .where(and(eq(reportVersions.id, row.id), eq(reportVersions.status, 'draft')))
    .run();
  appendAudit(store.sqlite, actor, [
    { entity: 'report_version', entityId: row.id, action: 'update', field: 'status', before: 'draft', after: 'sealed' },
  ]);
  return summaryOf(store, versionRow(store, row.id));
}

/**
 * The one rule for "which version": the case's latest version if the case has not changed since it was frozen (same
 * model content; when it was composed does not count), else a new draft superseding it. `actor` is asked for only
 * when a version is made. The version comes with its stored model parsed, so callers need not parse it again.
 */
export function latestUnlessChanged(
  store: Store,
  caseId: string,
  actor: () => UserActor,
  extras: ModelExtras = {},
): { row: VersionRow; model: ReportModel; created: boolean } {
  requireCase(store, caseId);
  const latest = latestVersion(store, caseId);
  if (latest) {
    const model = parseStoredModel(latest);
    // The content hash alone: composing the whole model would walk the audit chain for nothing.
    if (modelContentHash(model) === currentContentHash(store, caseId, extras)) return { row: latest, model, created: false };
  }
  const row = store.db.transaction(() => createVersion(store, actor(), caseId, extras));
  return { row, model: parseStoredModel(row), created: true };
}

/** The version a `reports:pdf` call prints: the named one, or the case's latest if nothing changed since. */
function versionToPrint(ctx: HandlerContext, input: { caseId?: string; versionId?: string }): { row: VersionRow; model: ReportModel } {
  if (input.versionId) {
    const row = versionRow(ctx.store, input.versionId);
    return { row, model: parseStoredModel(row) };
  }
  return latestUnlessChanged(ctx.store, input.caseId!, () => requireActor(ctx));
}

export const reportsHandlers: HandlerMap<'reports'> = {
  'reports:model': (ctx, input) => composeReportModel(ctx.store, input.caseId),

  'reports:createVersion': (ctx, input) => {
    const actor = requireActor(ctx);
    return summaryOf(ctx.store, ctx.store.db.transaction(() => createVersion(ctx.store, actor, input.caseId)));
  },

  'reports:preSealCheck': (ctx, input) => {
    requireCase(ctx.store, input.caseId);
    return openItems(composeReportContent(ctx.store, input.caseId));
  },

  'reports:listVersions': (ctx, input) => {
    requireCase(ctx.store, input.caseId);
    return ctx.store.db
      .select()
      .from(reportVersions)
      .where(eq(reportVersions.caseId, input.caseId))
      .orderBy(desc(reportVersions.version))
      .all()
      .map((row) => summaryOf(ctx.store, row));
  },

  'reports:getVersion': (ctx, input) => {
    const row = versionRow(ctx.store, input.id);
    return { summary: summaryOf(ctx.store, row), model: parseStoredModel(row) };
  },

  'reports:refreshDraft': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const row = versionRow(ctx.store, input.id);
      refuseSealed(row);
      const { json, sha256 } = serializeModel(composeReportModel(ctx.store, row.caseId));
      if (sha256 !== row.modelSha256) {
        ctx.store.db.update(reportVersions).set({ model: json, modelSha256: sha256 }).where(eq(reportVersions.id, row.id)).run();
        appendAudit(ctx.store.sqlite, actor, [
          { entity: 'report_version', entityId: row.id, action: 'update', field: 'modelSha256', before: row.modelSha256, after: sha256 },
        ]);
      }
      return summaryOf(ctx.store, versionRow(ctx.store, row.id));
    });
  },

  'reports:pdf': async (ctx, input): Promise<PdfResult> => {
    const { row, model } = versionToPrint(ctx, input);
    const taskId = input.taskId;
    // Printing a version nobody is signed in for (a read-only print) is recorded as the app's own doing.
    const actor = ctx.currentActor() ?? { id: null, name: 'report printing' };
    const lang = input.lang ?? caseReportLanguage(ctx.store, row.caseId);
    const pdf = await versionPdf(ctx.store, actor, row, model, input.document, lang, (p) => {
      const phase = ProgressPhase.safeParse(p.phase);
      if (taskId && phase.success) ctx.progress({ taskId, phase: phase.data, done: p.done, total: p.total });
    });
    return {
      versionId: row.id,
      version: row.version,
      document: input.document,
      lang,
      path: pdf.path,
      size: pdf.size,
      pages: pdf.pages,
      sha256: pdf.sha256,
    };
  },

  'reports:saveAs': async (ctx, input) => {
    const host = requireHost(ctx);
    const source = await printedPdf(ctx.store, input);
    const row = versionRow(ctx.store, input.versionId);
    const suggested = exportFileName(getCase(ctx.store, row.caseId).caseNumber, row.version, { kind: 'pdf', document: input.document, lang: input.lang });
    return { path: await host.saveFileAs(source, suggested) };
  },

  'reports:open': async (ctx, input) => ({ opened: await requireHost(ctx).openFile(await printedPdf(ctx.store, input)) }),
};

/**
 * The path of a PDF `reports:pdf` already wrote; not_found when it was never printed, was removed, or is reached
 * through a symbolic link (which `reports:pdf` never makes).
 */
async function printedPdf(store: Store, input: { versionId: string; document: ReportDocument; lang: ReportLanguage }): Promise<string> {
  const name = `${input.document}.${input.lang}.pdf`;
  const handle = await openRegularFileNoFollow(store.dataDir, ['reports', input.versionId, name]);
  if (!handle) throw new AppError('not_found', 'This PDF has not been printed yet; generate it first.');
  await handle.close();
  return pdfPath(store, input.versionId, input.document, input.lang);
}

import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BundleDetail } from '../../contract/bundles';
import type { ReportLanguage, ReportModel } from '../../contract/reports';
import { AppError } from '../../contract/result';
import type { SealBlob } from '../../core/bundle/seal';
import { verifyAuditChain, type UserActor } from '../../db/audit-chain';
import type { Store } from '../../db/open';
import { bundles, reportVersions } from '../../db/schema';
import type { HandlerContext } from '../../kernel/context';
import { requireCase } from '../plan';
import { latestUnlessChanged, markVersionSealed } from '../reports';
import { latestOfKind, progressOf } from './layout';
import { evidenceBlobs, renderPdfs, reportDocument } from './seal-contents';
import { prepareSigner, sealAndRecord } from './seal-record';

/*
 * Sealing freezes the case's report version with both PDFs, the evidence and the audit head into a signed,
 * encrypted .aeob under <dataDir>/bundles/, in this order so a crash at any moment leaves either nothing or a
 * complete, recorded bundle: stream to `<id>.aeob.part` and fsync → one FULL-sync transaction (bundle row, sequence
 * counter, version sealed, audit) → rename into place. A crash between the last two is finished on the next start
 * (`recoverInterruptedSeals`): the row names the file, the flushed .part is renamed. The .part name is part of that
 * protocol, which is why this rename does not go through core/fs-atomic's unique temp names. The signing and
 * recording steps are shared with handouts and merged reports (seal-record.ts).
 */

type VersionRow = typeof reportVersions.$inferSelect;

/** The version to seal: the latest, if the case has not changed since (refused if already sealed); else a new draft. */
function versionToSeal(store: Store, actor: UserActor, caseId: string): { row: VersionRow; model: ReportModel } {
  const current = latestUnlessChanged(store, caseId, () => actor);
  if (!current.created && current.row.status === 'sealed') {
    const latest = current.row;
    const bundle = store.db.select({ id: bundles.bundleId }).from(bundles).where(eq(bundles.reportVersionId, latest.id)).get();
    throw new AppError(
      'conflict',
      `Version ${latest.version} of this report is already sealed${bundle ? ` (bundle ${bundle.id})` : ''}. Change the case to seal a new version.`,
    );
  }
  return current;
}

export type SealOptions = { caseId: string; lang: ReportLanguage; taskId?: string | undefined; parallel?: boolean | 'auto' };

export async function sealCase(ctx: HandlerContext, options: SealOptions): Promise<BundleDetail> {
  const store = ctx.store;
  const progress = progressOf(ctx, options.taskId);
  requireCase(store, options.caseId);
  const signer = await prepareSigner(ctx);

  const { row: version, model } = versionToSeal(store, signer.actor, options.caseId);
  const chain = verifyAuditChain(store.sqlite);
  if (!chain.ok) throw new AppError('conflict', 'The audit log is broken (see audit:verify); a bundle cannot vouch for it.');
  const auditHead = { hash: chain.headHash, rows: chain.rows };
  // A case handed out by the lead names its handout, so the lead's merge knows the common base.
  const handout = latestOfKind(store, options.caseId, 'handout');

  const pdfs = await renderPdfs(store, version, model, options.lang, progress);
  const report = reportDocument(store, version, model, auditHead);
  return sealAndRecord(ctx, signer, {
    caseId: options.caseId,
    blobs: [jsonBlob(report, `report.v${version.version}.json`), ...pdfs, ...evidenceBlobs(store, options.caseId)],
    predicate: () => ({
      reportVersion: { id: version.id, version: version.version, modelSha256: version.modelSha256, supersedesId: version.supersedesId },
      auditHead,
      ...(handout ? { handout: { bundleId: handout.bundleId, envelopeDigest: handout.envelopeDigest } } : {}),
    }),
    reportVersionId: version.id,
    parallel: options.parallel ?? 'auto',
    progress,
    // The report engineer's hook: draft → sealed, with its own audit row; a trigger keeps it sealed for good.
    record: () => markVersionSealed(store, signer.actor, version.id),
  });
}

/** A JSON document sealed as a blob. */
export function jsonBlob(bytes: Buffer, displayName: string, role: SealBlob['role'] = 'report'): SealBlob {
  return {
    role,
    mediaType: 'application/json',
    displayName,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    open: () => Readable.from([bytes]),
  };
}

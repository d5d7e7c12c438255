import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BundleDetail } from '../../contract/bundles';
import type { OpenItem, SealOverride } from '../../contract/open-items';
import type { ReportLanguage, ReportModel } from '../../contract/reports';
import { AppError, refusal } from '../../contract/result';
import type { SealBlob } from '../../core/bundle/seal';
import { appendAudit, verifyAuditChain, type UserActor } from '../../db/audit-chain';
import type { Store } from '../../db/open';
import { bundles, reportVersions } from '../../db/schema';
import { requireActor, type HandlerContext } from '../../kernel/context';
import { openItems, unoverridable } from '../consistency';
import { requireCase } from '../case-rows';
import { composeReportContent, type ModelExtras } from '../report-model';
import { latestUnlessChanged, markVersionSealed } from '../reports';
import { latestOfKind, progressOf } from './layout';
import { caseReportLanguage } from '../cases';
import { evidenceBlobs, reportDocument, versionPdfs } from './seal-contents';
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
function versionToSeal(store: Store, actor: UserActor, caseId: string, extras: ModelExtras): { row: VersionRow; model: ReportModel } {
  const current = latestUnlessChanged(store, caseId, () => actor, extras);
  if (!current.created && current.row.status === 'sealed') {
    const latest = current.row;
    const bundle = store.db.select({ id: bundles.bundleId }).from(bundles).where(eq(bundles.reportVersionId, latest.id)).get();
    throw refusal(
      'conflict',
      'already_sealed',
      `Version ${latest.version} of this report is already sealed${bundle ? ` (bundle ${bundle.id})` : ''}. Change the case to seal a new version.`,
      { version: latest.version },
    );
  }
  return current;
}

/**
 * The pre-seal check: with open items (unfinished work, inconsistencies) a seal needs an override reason, which
 * the sealed report prints; without one it is refused with every item as an issue (`open_items`, then each
 * item's own code and parameters). Items whose rule allows no override (a grant while a criterion is not met, …:
 * `isOverridable` in core/consistency.ts) refuse the seal whatever the reason (`blocking_items`, then those
 * items). Without open items no override is recorded, whatever was given.
 */
export function preSealGate(store: Store, actor: UserActor, caseId: string, reason: string | undefined): SealOverride | null {
  const items = openItems(composeReportContent(store, caseId));
  if (items.length === 0) return null;
  const asIssues = (list: OpenItem[]) =>
    list.map((item) => ({ path: `openItems.${item.target.kind}`, message: item.code.replace(/_/g, ' '), code: item.code, params: item.params }));
  const blocking = unoverridable(items);
  if (blocking.length > 0) {
    throw new AppError('conflict', `The case has ${blocking.length} inconsistency(ies) that no override reason can seal over; fix them first.`, [
      { path: 'openItems', message: `${blocking.length} blocking item(s)`, code: 'blocking_items', params: { count: blocking.length } },
      ...asIssues(blocking),
    ]);
  }
  if (reason) return { reason, byName: actor.name, openItems: items };
  throw new AppError('conflict', `The case has ${items.length} open item(s) (see the pre-seal check); seal with an override reason, or fix them first.`, [
    { path: 'overrideReason', message: `${items.length} open item(s)`, code: 'open_items', params: { count: items.length } },
    ...asIssues(items),
  ]);
}

export type SealOptions = {
  caseId: string;
  /** Without it, the case's report language. */
  lang?: ReportLanguage | undefined;
  taskId?: string | undefined;
  parallel?: boolean | 'auto';
  /** Seal despite open pre-seal items; printed in the sealed report. */
  overrideReason?: string | undefined;
};

export async function sealCase(ctx: HandlerContext, options: SealOptions): Promise<BundleDetail> {
  const actor = requireActor(ctx);
  const store = ctx.store;
  const progress = progressOf(ctx, options.taskId);
  requireCase(store, options.caseId);
  const override = preSealGate(store, actor, options.caseId, options.overrideReason);
  const signer = await prepareSigner(ctx);

  const { row: version, model } = versionToSeal(store, actor, options.caseId, override ? { sealOverride: override } : {});
  const chain = verifyAuditChain(store.sqlite);
  if (!chain.ok) throw refusal('conflict', 'audit_chain_broken', 'The audit log is broken (see audit:verify); a bundle cannot vouch for it.');
  const auditHead = { hash: chain.headHash, rows: chain.rows };
  // A case handed out by the lead names its handout, so the lead's merge knows the common base.
  const handout = latestOfKind(store, options.caseId, 'handout');

  const pdfs = await versionPdfs(store, actor, version, model, options.lang ?? caseReportLanguage(store, options.caseId), progress);
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
    record: () => {
      // The report engineer's hook: draft → sealed, with its own audit row; a trigger keeps it sealed for good.
      markVersionSealed(store, actor, version.id);
      if (override) {
        appendAudit(store.sqlite, actor, [
          {
            entity: 'case',
            entityId: options.caseId,
            action: 'update',
            field: 'sealOverride',
            after: { reportVersionId: version.id, reason: override.reason, openItems: override.openItems.map((i) => i.code) },
          },
        ]);
      }
    },
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

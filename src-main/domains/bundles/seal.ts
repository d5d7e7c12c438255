import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { BundleDetail, VerificationReport } from '../../contract/bundles';
import type { SealOverride } from '../../contract/open-items';
import type { ReportLanguage, ReportModel } from '../../contract/reports';
import { AppError } from '../../contract/result';
import { fsyncDir, hashFile } from '../../core/blob-store';
import { SealError } from '../../core/bundle/errors';
import { sealToFile, type SealBlob } from '../../core/bundle/seal';
import { isExpired, lookupKey, memberByRecipient, readersOf } from '../../core/bundle/trust-list';
import { newId, nowUtc } from '../../core/ids';
import { recipientFingerprint } from '../../core/keys';
import { appendAudit, verifyAuditChain, type UserActor } from '../../db/audit-chain';
import { withFullSync, type Store } from '../../db/open';
import { bundles, cases, keySequences, reportVersions } from '../../db/schema';
import { requireActor, type HandlerContext } from '../../kernel/context';
import { deviceId, requireKey, unlockKeys } from '../keys';
import { requireCase } from '../plan';
import { enqueueChange } from '../sync/outbox';
import { openItems } from '../consistency';
import { composeReportContent, type ModelExtras } from '../report-model';
import { latestUnlessChanged, markVersionSealed } from '../reports';
import { bundleFile, bundleRow, bundlesDir, detailOf, insertFiles, progressOf, recoverInterruptedSeals, requireTrust } from './layout';
import { evidenceBlobs, renderPdfs, reportDocument } from './seal-contents';

/*
 * Sealing freezes the case's report version with both PDFs, the evidence and the audit head into a signed,
 * encrypted .aeob under <dataDir>/bundles/, in this order so a crash at any moment leaves either nothing or a
 * complete, recorded bundle: stream to `<id>.aeob.part` and fsync → one FULL-sync transaction (bundle row, sequence
 * counter, version sealed, audit) → rename into place. A crash between the last two is finished on the next start
 * (`recoverInterruptedSeals`): the row names the file, the flushed .part is renamed. The .part name is part of that
 * protocol, which is why this rename does not go through core/fs-atomic's unique temp names.
 */

type VersionRow = typeof reportVersions.$inferSelect;

/** The version to seal: the latest, if the case has not changed since (refused if already sealed); else a new draft. */
function versionToSeal(store: Store, actor: UserActor, caseId: string, extras: ModelExtras): { row: VersionRow; model: ReportModel } {
  const current = latestUnlessChanged(store, caseId, () => actor, extras);
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

/**
 * The pre-seal check: with open items (unfinished work, inconsistencies) a seal needs an override reason, which
 * the sealed report prints; without one it is refused with every item as an issue (`open_items`, then each
 * item's own code and parameters). Without open items no override is recorded, whatever was given.
 */
function preSealGate(store: Store, actor: UserActor, caseId: string, reason: string | undefined): SealOverride | null {
  const items = openItems(composeReportContent(store, caseId));
  if (items.length === 0) return null;
  if (reason) return { reason, byName: actor.name, openItems: items };
  throw new AppError('conflict', `The case has ${items.length} open item(s) (see the pre-seal check); seal with an override reason, or fix them first.`, [
    { path: 'overrideReason', message: `${items.length} open item(s)`, code: 'open_items', params: { count: items.length } },
    ...items.map((item) => ({ path: `openItems.${item.target.kind}`, message: item.code.replace(/_/g, ' '), code: item.code, params: item.params })),
  ]);
}

export type SealOptions = {
  caseId: string;
  lang: ReportLanguage;
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
  const key = requireKey(ctx, actor);
  const trust = requireTrust(store);
  const now = new Date();
  const self = lookupKey(trust, key.keyId, now);
  const member = self.member;
  if (self.status !== 'valid' || !member) {
    throw new AppError(
      'forbidden',
      self.status === 'unknown'
        ? `Your key is not in trust list version ${trust.version}: export your enrollment file for HQ, then import the new trust list.`
        : `Your key is ${self.status.replace(/_/g, ' ')} in trust list version ${trust.version}; HQ must renew it before you can seal.`,
    );
  }
  const readers = readersOf(trust, now);
  if (!readers.some((m) => m.role === 'hq')) {
    throw new AppError('unavailable', `Trust list version ${trust.version} names no valid HQ key to encrypt to.`);
  }
  const recipients = [...new Set([...readers.map((m) => m.ageRecipient), key.ageRecipient])];
  const keys = await unlockKeys(ctx, key);
  await recoverInterruptedSeals(store);

  const { row: version, model } = versionToSeal(store, actor, options.caseId, override ? { sealOverride: override } : {});
  const caseRow = store.db.select({ caseNumber: cases.caseNumber }).from(cases).where(eq(cases.id, options.caseId)).get();
  const chain = verifyAuditChain(store.sqlite);
  if (!chain.ok) throw new AppError('conflict', 'The audit log is broken (see audit:verify); a bundle cannot vouch for it.');
  const auditHead = { hash: chain.headHash, rows: chain.rows };

  const pdfs = await renderPdfs(store, version, model, options.lang, progress);
  const report = reportDocument(store, version, model, auditHead);
  const blobsToSeal: SealBlob[] = [
    {
      role: 'report',
      mediaType: 'application/json',
      displayName: `report.v${version.version}.json`,
      size: report.length,
      sha256: createHash('sha256').update(report).digest('hex'),
      open: () => Readable.from([report]),
    },
    ...pdfs,
    ...evidenceBlobs(store, options.caseId),
  ];

  const sequenceRow = store.db.select().from(keySequences).where(eq(keySequences.keyId, key.keyId)).get();
  const sequence = (sequenceRow?.lastSequence ?? 0) + 1;
  const bundleId = newId();
  const final = bundleFile(store, bundleId);
  const part = `${final}.part`;
  await mkdir(bundlesDir(store), { recursive: true });

  let sealed;
  try {
    sealed = await sealToFile({
      blobs: blobsToSeal,
      signer: { keyId: keys.keyId, secretKey: keys.signingSecretKey, userId: actor.id, name: member.name },
      recipients,
      predicate: {
        bundleId,
        deviceId: deviceId(store),
        caseId: options.caseId,
        caseNumber: caseRow?.caseNumber ?? '',
        reportVersion: { id: version.id, version: version.version, modelSha256: version.modelSha256, supersedesId: version.supersedesId },
        sequence,
        previousBundleDigest: sequenceRow?.lastDigest ?? null,
        createdAt: now.toISOString(),
        trustListVersion: trust.version,
        auditHead,
      },
      outPath: part,
      parallel: options.parallel ?? 'auto',
      onProgress: (done, total) => progress('sealing', done, total),
    });
  } catch (error) {
    if (error instanceof SealError) {
      throw new AppError(error.code === 'evidence_altered' ? 'conflict' : error.code === 'invalid_input' ? 'invalid_input' : 'unavailable', error.message);
    }
    throw error;
  }

  // HQ and the resumable upload know the bundle by the SHA-256 of the file itself; one read of what was just flushed.
  const fileSha256 = await hashFile(part);
  const statement = sealed.statement;
  const verification: VerificationReport = {
    bundleId,
    envelopeDigest: sealed.envelopeDigest,
    signer: {
      keyId: keys.keyId,
      name: member.name,
      role: member.role,
      keyStatus: 'valid',
      validUntil: member.validUntil,
      userId: actor.id,
    },
    deviceId: statement.predicate.deviceId,
    caseId: statement.predicate.caseId,
    caseNumber: statement.predicate.caseNumber,
    reportVersion: statement.predicate.reportVersion,
    sequence,
    previousBundleDigest: statement.predicate.previousBundleDigest,
    createdAt: statement.predicate.createdAt,
    auditHead,
    audience: statement.predicate.audience.map((fp) => {
      const reader = memberByRecipient(trust, fp);
      const isSelf = fp === recipientFingerprint(key.ageRecipient);
      return { fingerprint: fp, name: reader?.name ?? (isSelf ? member.name : null), role: reader?.role ?? (isSelf ? member.role : null) };
    }),
    trustListVersion: trust.version,
    checkedWithTrustListVersion: trust.version,
    files: statement.predicate.files.map((f) => ({ ...f, verified: true as const })),
    bundleBytes: sealed.bytes,
    plaintextBytes: sealed.plaintextBytes,
    // Sealing still works with an expired list (the field cannot wait for HQ), but the validator is told.
    warnings: isExpired(trust, now)
      ? [{ code: 'trust_list_expired', message: `trust list version ${trust.version} expired on ${trust.expiresAt}; ask HQ for a new one` }]
      : [],
  };

  try {
    withFullSync(store, () => {
      const recordedAt = nowUtc();
      // Another seal with this key may have finished while this one streamed: its sequence number is taken.
      const now = store.db.select({ n: keySequences.lastSequence }).from(keySequences).where(eq(keySequences.keyId, keys.keyId)).get()?.n ?? 0;
      if (now >= sequence) throw new AppError('conflict', 'Another seal with your key finished meanwhile; seal again.');
      store.db
        .insert(bundles)
        .values({
          bundleId,
          envelopeDigest: sealed.envelopeDigest,
          direction: 'sealed',
          signerKeyId: keys.keyId,
          signerName: member.name,
          sequence,
          previousDigest: statement.predicate.previousBundleDigest,
          caseId: options.caseId,
          caseNumber: statement.predicate.caseNumber,
          reportVersionId: version.id,
          createdAt: statement.predicate.createdAt,
          recordedAt,
          recordedBy: actor.id,
          path: final,
          size: sealed.bytes,
          trustListVersion: trust.version,
          flags: [],
          report: JSON.stringify(verification),
        })
        .run();
      insertFiles(store, bundleId, verification.files);
      store.db
        .insert(keySequences)
        .values({ keyId: keys.keyId, lastSequence: sequence, lastDigest: sealed.envelopeDigest, lastBundleId: bundleId, updatedAt: recordedAt })
        .onConflictDoUpdate({
          target: keySequences.keyId,
          set: { lastSequence: sequence, lastDigest: sealed.envelopeDigest, lastBundleId: bundleId, updatedAt: recordedAt },
        })
        .run();
      // The report engineer's hook: draft → sealed, with its own audit row; a trigger keeps it sealed for good.
      markVersionSealed(store, actor, version.id);
      appendAudit(store.sqlite, actor, [
        ...(override
          ? [
              {
                entity: 'case',
                entityId: options.caseId,
                action: 'update' as const,
                field: 'sealOverride',
                after: { reportVersionId: version.id, reason: override.reason, openItems: override.openItems.map((i) => i.code) },
              },
            ]
          : []),
        {
          entity: 'bundle',
          entityId: bundleId,
          action: 'create',
          after: {
            direction: 'sealed',
            caseId: options.caseId,
            reportVersionId: version.id,
            envelopeDigest: sealed.envelopeDigest,
            signerKeyId: keys.keyId,
            sequence,
            files: verification.files.length,
            size: sealed.bytes,
          },
        },
        // Sealing queues the bundle for HQ; whether an HQ is set or reachable does not matter here.
        enqueueChange(store, { bundleId, sha256: fileSha256, size: sealed.bytes }),
      ]);
    });
  } catch (error) {
    await unlink(part).catch(() => undefined);
    throw error;
  }
  await rename(part, final);
  await fsyncDir(bundlesDir(store));
  return detailOf(bundleRow(store, bundleId));
}

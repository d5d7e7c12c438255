import { eq } from 'drizzle-orm';
import { mkdir, rename, unlink } from 'node:fs/promises';
import type { BundleDetail, VerificationReport } from '../../contract/bundles';
import { AppError, refusal } from '../../contract/result';
import { fsyncDir } from '../../core/blob-store';
import { SealError } from '../../core/bundle/errors';
import { sealToFile, type SealBlob, type SealInput, type SealOutput } from '../../core/bundle/seal';
import { bundleKindOf } from '../../core/bundle/statement';
import { isExpired, lookupKey, memberByRecipient, readersOf, type TrustList, type TrustMember } from '../../core/bundle/trust-list';
import { newId, nowUtc } from '../../core/ids';
import { recipientFingerprint, type UserKeys } from '../../core/keys';
import { appendAudit, type UserActor } from '../../db/audit-chain';
import { withFullSync } from '../../db/open';
import { bundles, cases, keySequences } from '../../db/schema';
import { requireActor, type HandlerContext } from '../../kernel/context';
import { deviceId, requireKey, unlockKeys } from '../keys';
import { enqueueChange } from '../sync/outbox';
import { bundleFile, bundleRow, bundlesDir, detailOf, insertFiles, recoverInterruptedSeals, requireTrust, type Progress } from './layout';

/*
 * What every bundle this device signs goes through, whatever its kind (field report, handout, merged report):
 * the signer's key must be valid in the trust list, which must name an HQ key to encrypt to; then one pass to
 * `<id>.aeob.part`, one FULL-sync transaction (bundle row, files, key sequence, the caller's own changes, audit),
 * and the rename into place. The crash ordering is explained in seal.ts.
 */

export type Signer = { actor: UserActor; keys: UserKeys; member: TrustMember; trust: TrustList; recipients: string[]; now: Date };

/** The current user's unlocked keys, checked against the trust list, and who the bundle is encrypted to. */
export async function prepareSigner(ctx: HandlerContext, extraRecipients: readonly string[] = []): Promise<Signer> {
  const actor = requireActor(ctx);
  const key = requireKey(ctx, actor);
  const trust = requireTrust(ctx.store);
  const now = new Date();
  const self = lookupKey(trust, key.keyId, now);
  const member = self.member;
  if (self.status !== 'valid' || !member) {
    throw refusal(
      'forbidden',
      'signer_not_trusted',
      self.status === 'unknown'
        ? `Your key is not in trust list version ${trust.version}: export your enrollment file for HQ, then import the new trust list.`
        : `Your key is ${self.status.replace(/_/g, ' ')} in trust list version ${trust.version}; HQ must renew it before you can seal.`,
      { status: self.status, version: trust.version },
    );
  }
  const readers = readersOf(trust, now);
  if (!readers.some((m) => m.role === 'hq')) {
    throw refusal('unavailable', 'no_hq_recipient', `Trust list version ${trust.version} names no valid HQ key to encrypt to.`, { version: trust.version });
  }
  const recipients = [...new Set([...readers.map((m) => m.ageRecipient), key.ageRecipient, ...extraRecipients])];
  const keys = await unlockKeys(ctx, key);
  await recoverInterruptedSeals(ctx.store);
  return { actor, keys, member, trust, recipients, now };
}

export type SealJob = {
  caseId: string;
  predicateType?: SealInput['predicateType'];
  /** The predicate beyond what every bundle says (report version, audit head, handout, assignments, inputs). */
  predicate: (bundleId: string) => Record<string, unknown>;
  blobs: SealBlob[];
  /** The report version the bundle freezes; '' for a handout. */
  reportVersionId: string;
  parallel?: boolean | 'auto';
  progress: Progress;
  /** Extra fields of the verification report (a merged report's inputs). */
  report?: Partial<VerificationReport>;
  /** The caller's own changes, in the transaction that records the bundle. */
  record?: (bundleId: string, sealed: SealOutput) => void;
};

export async function sealAndRecord(ctx: HandlerContext, signer: Signer, job: SealJob): Promise<BundleDetail> {
  const store = ctx.store;
  const { actor, keys, member, trust, now } = signer;
  const caseNumber = store.db.select({ caseNumber: cases.caseNumber }).from(cases).where(eq(cases.id, job.caseId)).get()?.caseNumber ?? '';
  const sequenceRow = store.db.select().from(keySequences).where(eq(keySequences.keyId, keys.keyId)).get();
  const sequence = (sequenceRow?.lastSequence ?? 0) + 1;
  const bundleId = newId();
  const final = bundleFile(store, bundleId);
  const part = `${final}.part`;
  await mkdir(bundlesDir(store), { recursive: true });

  let sealed: SealOutput;
  try {
    sealed = await sealToFile({
      blobs: job.blobs,
      signer: { keyId: keys.keyId, secretKey: keys.signingSecretKey, userId: actor.id, name: member.name },
      recipients: signer.recipients,
      ...(job.predicateType ? { predicateType: job.predicateType } : {}),
      predicate: {
        bundleId,
        deviceId: deviceId(store),
        caseId: job.caseId,
        caseNumber,
        sequence,
        previousBundleDigest: sequenceRow?.lastDigest ?? null,
        createdAt: now.toISOString(),
        trustListVersion: trust.version,
        ...job.predicate(bundleId),
      } as SealInput['predicate'],
      outPath: part,
      parallel: job.parallel ?? 'auto',
      onProgress: (done, total) => job.progress('sealing', done, total),
    });
  } catch (error) {
    if (error instanceof SealError) {
      throw error.code === 'invalid_input'
        ? new AppError('invalid_input', error.message)
        : refusal(error.code === 'evidence_altered' ? 'conflict' : 'unavailable', error.code, error.message);
    }
    throw error;
  }

  // HQ and the resumable upload know the bundle by the SHA-256 of the file itself, taken while it was written:
  // reading the flushed 1 GiB back to hash it cost a second pass over the data (0.7 s of CPU per GiB here).
  const fileSha256 = sealed.fileSha256;
  const statement = sealed.statement;
  const predicate = statement.predicate;
  const verification: VerificationReport = {
    bundleId,
    envelopeDigest: sealed.envelopeDigest,
    signer: { keyId: keys.keyId, name: member.name, role: member.role, keyStatus: 'valid', validUntil: member.validUntil, userId: actor.id },
    deviceId: predicate.deviceId,
    caseId: predicate.caseId,
    caseNumber: predicate.caseNumber,
    kind: bundleKindOf(statement),
    reportVersion: 'reportVersion' in predicate ? predicate.reportVersion : null,
    sequence,
    previousBundleDigest: predicate.previousBundleDigest,
    createdAt: predicate.createdAt,
    auditHead: 'auditHead' in predicate ? predicate.auditHead : null,
    handout: 'handout' in predicate && predicate.handout ? predicate.handout : null,
    inputs: [],
    cosigners: [],
    assignees: 'assignments' in predicate ? predicate.assignments.map((a) => ({ keyId: a.keyId, name: a.name })) : [],
    audience: predicate.audience.map((fp) => {
      const reader = memberByRecipient(trust, fp);
      const isSelf = fp === recipientFingerprint(keys.ageRecipient);
      return { fingerprint: fp, name: reader?.name ?? (isSelf ? member.name : null), role: reader?.role ?? (isSelf ? member.role : null) };
    }),
    trustListVersion: trust.version,
    checkedWithTrustListVersion: trust.version,
    files: predicate.files.map((f) => ({ ...f, verified: true as const })),
    bundleBytes: sealed.bytes,
    plaintextBytes: sealed.plaintextBytes,
    // Sealing still works with an expired list (the field cannot wait for HQ), but the validator is told.
    warnings: isExpired(trust, now)
      ? [{ code: 'trust_list_expired', message: `trust list version ${trust.version} expired on ${trust.expiresAt}; ask HQ for a new one` }]
      : [],
    ...job.report,
  };

  try {
    withFullSync(store, () => {
      const recordedAt = nowUtc();
      // Another seal with this key may have finished while this one streamed: its sequence number is taken.
      const current = store.db.select({ n: keySequences.lastSequence }).from(keySequences).where(eq(keySequences.keyId, keys.keyId)).get()?.n ?? 0;
      if (current >= sequence) throw refusal('conflict', 'seal_raced', 'Another seal with your key finished meanwhile; seal again.');
      store.db
        .insert(bundles)
        .values({
          bundleId,
          envelopeDigest: sealed.envelopeDigest,
          direction: 'sealed',
          signerKeyId: keys.keyId,
          signerName: member.name,
          sequence,
          previousDigest: predicate.previousBundleDigest,
          caseId: job.caseId,
          caseNumber: predicate.caseNumber,
          reportVersionId: job.reportVersionId,
          createdAt: predicate.createdAt,
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
      job.record?.(bundleId, sealed);
      appendAudit(store.sqlite, actor, [
        {
          entity: 'bundle',
          entityId: bundleId,
          action: 'create',
          after: {
            direction: 'sealed',
            kind: verification.kind,
            caseId: job.caseId,
            reportVersionId: job.reportVersionId,
            envelopeDigest: sealed.envelopeDigest,
            signerKeyId: keys.keyId,
            sequence,
            files: verification.files.length,
            size: sealed.bytes,
          },
        },
        // Every sealed bundle is queued for HQ; whether an HQ is set or reachable does not matter here.
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

import { and, eq, max } from 'drizzle-orm';
import { mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ImportResult } from '../../contract/bundles';
import { AppError } from '../../contract/result';
import { blobPath, fsyncDir, hashFile } from '../../core/blob-store';
import { BundleError } from '../../core/bundle/errors';
import { verifyBundle } from '../../core/bundle/verify';
import { newId, nowUtc } from '../../core/ids';
import { appendAudit } from '../../db/audit-chain';
import { withFullSync } from '../../db/open';
import { blobs, bundles } from '../../db/schema';
import { requireActor, type HandlerContext } from '../../kernel/context';
import { blobRoot } from '../evidence';
import { requireKey, unlockKeys } from '../keys';
import { bundleRow, detailOf, insertFiles, progressOf, requireTrust, stagingRoot } from './layout';
import { judgeReplay } from './replay';
import { onHandoutImported } from '../team/handout';

/*
 * Importing verifies everything first (staging blobs in the same pass), judges replays against what this device
 * holds, then moves the blobs into the content-addressed store (each named by its hash, so a rename of a flushed,
 * verified file is the whole publication) and records the bundle in one transaction.
 */

export async function importBundle(
  ctx: HandlerContext,
  options: { file: string; taskId?: string | undefined; parallel?: boolean | 'auto'; now?: Date },
): Promise<ImportResult> {
  const actor = requireActor(ctx);
  const store = ctx.store;
  const progress = progressOf(ctx, options.taskId);
  const key = requireKey(ctx, actor);
  const trust = requireTrust(store);
  const keys = await unlockKeys(ctx, key);
  const info = await stat(options.file).catch(() => null);
  if (!info?.isFile()) throw new AppError('not_found', `No bundle file at ${options.file}.`);

  const stageDir = path.join(stagingRoot(store), newId());
  let staged = new Map<string, string>();
  try {
    let verified;
    try {
      verified = await verifyBundle({
        path: options.file,
        identities: [keys.ageIdentity],
        trustList: trust,
        stageDir,
        parallel: options.parallel ?? 'auto',
        ...(options.now ? { now: options.now } : {}),
        onProgress: (_phase, done, total) => progress('verifying', done, total),
      });
    } catch (error) {
      if (error instanceof BundleError) return { outcome: 'rejected', rejection: { code: error.code, reason: error.reason } };
      throw error;
    }
    staged = verified.staged;
    const report = verified.report;

    // Replay: judged against what this device already holds (see replay.ts).
    const judgement = judgeReplay(report, {
      sameEnvelope: store.db.select({ id: bundles.bundleId }).from(bundles).where(eq(bundles.envelopeDigest, report.envelopeDigest)).get() !== undefined,
      sameIdDigest: store.db.select({ digest: bundles.envelopeDigest }).from(bundles).where(eq(bundles.bundleId, report.bundleId)).get()?.digest ?? null,
      highestSequence: store.db.select({ n: max(bundles.sequence) }).from(bundles).where(eq(bundles.signerKeyId, report.signer.keyId)).get()?.n ?? null,
      predecessorDigest:
        store.db
          .select({ digest: bundles.envelopeDigest })
          .from(bundles)
          .where(and(eq(bundles.signerKeyId, report.signer.keyId), eq(bundles.sequence, report.sequence - 1)))
          .get()?.digest ?? null,
    });
    // The envelope signs the bundle id, so the same envelope is recorded under this very id.
    if (judgement.verdict === 'already_imported') return { outcome: 'already_imported', bundle: detailOf(bundleRow(store, report.bundleId)) };
    if (judgement.verdict === 'rejected') return { outcome: 'rejected', rejection: judgement.rejection };
    const flags = judgement.flags;
    report.warnings = judgement.warnings;

    // Everything verified: move the blobs (and the signed envelope) into the content-addressed store.
    progress('storing', 0, staged.size);
    const root = blobRoot(store);
    const envelopeStaged = path.join(stageDir, `envelope-${report.envelopeDigest}`);
    const handle = await open(envelopeStaged, 'wx', 0o444);
    try {
      await handle.write(verified.envelope);
      await handle.sync();
    } finally {
      await handle.close();
    }
    staged.set(report.envelopeDigest, envelopeStaged);
    const dirs = new Set<string>();
    let moved = 0;
    for (const [sha256, file] of staged) {
      const final = blobPath(root, sha256);
      dirs.add(path.dirname(final));
      await mkdir(path.dirname(final), { recursive: true });
      const existing = await stat(final).catch(() => null);
      if (existing && existing.size === (await stat(file)).size && (await hashFile(final).catch(() => null)) === sha256) {
        await unlink(file);
      } else {
        await rename(file, final);
      }
      progress('storing', ++moved, staged.size);
    }
    for (const dir of dirs) await fsyncDir(dir);

    const recordedAt = nowUtc();
    withFullSync(store, () => {
      store.db
        .insert(bundles)
        .values({
          bundleId: report.bundleId,
          envelopeDigest: report.envelopeDigest,
          direction: 'imported',
          signerKeyId: report.signer.keyId,
          signerName: report.signer.name,
          sequence: report.sequence,
          previousDigest: report.previousBundleDigest,
          caseId: report.caseId,
          caseNumber: report.caseNumber,
          // A handout freezes no report version; its row names none.
          reportVersionId: report.reportVersion?.id ?? '',
          createdAt: report.createdAt,
          recordedAt,
          recordedBy: actor.id,
          path: null,
          size: report.bundleBytes,
          trustListVersion: report.checkedWithTrustListVersion,
          flags,
          report: JSON.stringify(report),
        })
        .run();
      insertFiles(store, report.bundleId, report.files);
      const types = new Map(report.files.map((f) => [f.sha256, { size: f.size, mediaType: f.mediaType }]));
      types.set(report.envelopeDigest, { size: verified.envelope.length, mediaType: 'application/vnd.dsse.envelope.v1+json' });
      for (const [sha256, meta] of types) {
        store.db.insert(blobs).values({ sha256, size: meta.size, mediaType: meta.mediaType, storedAt: recordedAt }).onConflictDoNothing().run();
      }
      appendAudit(store.sqlite, actor, [
        {
          entity: 'bundle',
          entityId: report.bundleId,
          action: 'create',
          after: {
            direction: 'imported',
            caseId: report.caseId,
            envelopeDigest: report.envelopeDigest,
            signerKeyId: report.signer.keyId,
            sequence: report.sequence,
            files: report.files.length,
            flags,
          },
        },
      ]);
    });
    // A handout writes its case into this laptop's store once it is recorded (issue 12).
    if (report.kind === 'handout') await onHandoutImported(ctx, bundleRow(store, report.bundleId));
    return { outcome: 'imported', bundle: detailOf(bundleRow(store, report.bundleId)) };
  } finally {
    await rm(stageDir, { recursive: true, force: true });
  }
}

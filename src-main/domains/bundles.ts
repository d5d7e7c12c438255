import { and, asc, desc, eq, isNull, max } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { BundleDetail, BundleSummary, ImportResult, VerificationReport } from '../contract/bundles';
import type { ReportLanguage } from '../contract/reports';
import { AppError } from '../contract/result';
import { printingPhases, type ProgressPhase } from '../contract/progress';
import { blobPath, fsyncDir, hashFile, sweepStaleFiles } from '../core/blob-store';
import { BundleError, SealError } from '../core/bundle/errors';
import { sealToFile, type SealBlob } from '../core/bundle/seal';
import { isExpired, lookupKey, memberByRecipient, readersOf, type TrustList } from '../core/bundle/trust-list';
import { verifyBundle } from '../core/bundle/verify';
import { newId, nowUtc } from '../core/ids';
import { recipientFingerprint } from '../core/keys';
import { runWorkerTask } from '../core/worker-task';
import { appendAudit, verifyAuditChain, type Actor } from '../db/audit-chain';
import { withFullSync, type Store } from '../db/open';
import { answers, blobs, bundleFiles, bundles, cases, checklistRuns, evidence, keySequences, reportVersions } from '../db/schema';
import { requireActor, requireHost, type HandlerContext, type HandlerMap } from '../handlers/registry';
import { composeReportModel, modelContentHash } from '../report/model';
import type { PdfJob, PdfJobResult } from '../workers/pdf';
import { blobRoot } from './evidence';
import { resolveFileSource } from './file-source';
import { deviceId, fileError, requireKey, unlockKeys } from './keys';
import { requireCase } from './plan';
import { createVersion, fontsDir, markVersionSealed, parseStoredModel } from './reports';
import { installedTrustList } from './trust';

export { keysHandlers } from './keys';
export { trustHandlers } from './trust';

/*
 * Sealed bundles on a device. Sealing freezes the case's report version with both PDFs, the evidence and the audit
 * head into a signed, encrypted .aeob under <dataDir>/bundles/, in this order so a crash at any moment leaves
 * either nothing or a complete, recorded bundle: stream to `<id>.aeob.part` and fsync → one FULL-sync transaction
 * (bundle row, sequence counter, version sealed, audit) → rename into place. A crash between the last two is
 * finished on the next start (`recoverInterruptedSeals`): the row names the file, the flushed .part is renamed.
 *
 * Importing verifies everything first (staging blobs in the same pass), then renames the blobs into the store and
 * records the bundle in one transaction. Replays are judged here, against what this device already holds.
 */

export const bundlesDir = (store: Store) => path.join(store.dataDir, 'bundles');
const stagingRoot = (store: Store) => path.join(bundlesDir(store), 'staging');
const pdfCacheDir = (store: Store) => path.join(bundlesDir(store), 'pdf');
export const bundleFile = (store: Store, bundleId: string) => path.join(bundlesDir(store), `${bundleId}.aeob`);

type BundleRow = typeof bundles.$inferSelect;
type VersionRow = typeof reportVersions.$inferSelect;
type Progress = (phase: ProgressPhase, done: number, total: number) => void;

function progressOf(ctx: HandlerContext, taskId: string | undefined): Progress {
  return (phase, done, total) => {
    if (taskId) ctx.progress({ taskId, phase, done, total });
  };
}

/* ---- records ---- */

function summaryOf(row: BundleRow): BundleSummary {
  const report = JSON.parse(row.report) as VerificationReport;
  return {
    bundleId: row.bundleId,
    direction: row.direction,
    envelopeDigest: row.envelopeDigest,
    signerKeyId: row.signerKeyId,
    signerName: row.signerName,
    caseId: row.caseId,
    caseNumber: row.caseNumber,
    reportVersionId: row.reportVersionId,
    sequence: row.sequence,
    createdAt: row.createdAt,
    recordedAt: row.recordedAt,
    size: row.size,
    fileCount: report.files.length,
    flags: row.flags,
  };
}

const detailOf = (row: BundleRow): BundleDetail => ({ summary: summaryOf(row), report: JSON.parse(row.report) as VerificationReport });

function bundleRow(store: Store, bundleId: string): BundleRow {
  const row = store.db.select().from(bundles).where(eq(bundles.bundleId, bundleId)).get();
  if (!row) throw new AppError('not_found', 'No bundle with this id on this device.');
  return row;
}

/**
 * Finishes seals a crash interrupted after their transaction committed (the .part is complete and flushed), and
 * removes .part files no transaction ever claimed once nobody can still be writing them.
 */
export async function recoverInterruptedSeals(store: Store): Promise<void> {
  const sealed = store.db.select({ path: bundles.path, size: bundles.size }).from(bundles).where(eq(bundles.direction, 'sealed')).all();
  for (const row of sealed) {
    if (!row.path || existsSync(row.path)) continue;
    const part = `${row.path}.part`;
    const info = await stat(part).catch(() => null);
    if (info?.isFile() && info.size === row.size) {
      await rename(part, row.path);
      await fsyncDir(path.dirname(row.path));
    }
  }
  const claimed = new Set(sealed.map((r) => (r.path ? `${path.basename(r.path)}.part` : '')));
  const dir = bundlesDir(store);
  const names = await readdir(dir).catch(() => [] as string[]);
  const hour = 60 * 60 * 1000;
  for (const name of names) {
    if (!name.endsWith('.aeob.part') || claimed.has(name)) continue;
    const info = await stat(path.join(dir, name)).catch(() => null);
    if (info && Date.now() - info.mtimeMs > hour) await unlink(path.join(dir, name)).catch(() => undefined);
  }
  await sweepStaleFiles(stagingRoot(store), hour);
  for (const name of await readdir(stagingRoot(store)).catch(() => [] as string[])) {
    const dirInfo = await stat(path.join(stagingRoot(store), name)).catch(() => null);
    if (dirInfo?.isDirectory() && Date.now() - dirInfo.mtimeMs > hour) {
      await rm(path.join(stagingRoot(store), name), { recursive: true, force: true });
    }
  }
}

/* ---- sealing ---- */

/** The version to seal: the latest, if the case has not changed since; else a new draft superseding it. */
function versionToSeal(store: Store, actor: Actor, caseId: string): VersionRow {
  requireCase(store, caseId);
  const latest = store.db.select().from(reportVersions).where(eq(reportVersions.caseId, caseId)).orderBy(desc(reportVersions.version)).limit(1).get();
  if (latest && modelContentHash(parseStoredModel(latest)) === modelContentHash(composeReportModel(store, caseId))) {
    if (latest.status === 'sealed') {
      const bundle = store.db.select({ id: bundles.bundleId }).from(bundles).where(eq(bundles.reportVersionId, latest.id)).get();
      throw new AppError(
        'conflict',
        `Version ${latest.version} of this report is already sealed${bundle ? ` (bundle ${bundle.id})` : ''}. Change the case to seal a new version.`,
      );
    }
    return latest;
  }
  return store.db.transaction(() => createVersion(store, actor, caseId));
}

/** Both PDFs of a version, printed as sealed, cached per version and model (a frozen model prints the same). */
async function renderPdfs(store: Store, row: VersionRow, lang: ReportLanguage, progress: Progress): Promise<SealBlob[]> {
  const dir = path.join(pdfCacheDir(store), `${row.id}-${row.modelSha256.slice(0, 16)}`);
  await mkdir(dir, { recursive: true });
  const documents = [
    { document: 'validation-report' as const, role: 'validation-report-pdf' as const },
    { document: 'control-plan' as const, role: 'control-plan-pdf' as const },
  ];
  const out: SealBlob[] = [];
  for (const { document, role } of documents) {
    const file = path.join(dir, `${document}.${lang}.pdf`);
    let info = await stat(file).catch(() => null);
    if (!info) {
      const job: PdfJob = {
        document,
        model: parseStoredModel(row),
        lang,
        meta: { version: row.version, status: 'sealed', createdAt: row.createdAt },
        outPath: file,
        fontsDir: fontsDir(),
        blobRoot: blobRoot(store),
      };
      await runWorkerTask<PdfJobResult>('pdf', job, (p) => progress(printingPhases[document], p.done, p.total));
      info = await stat(file);
    }
    out.push({
      role,
      mediaType: 'application/pdf',
      displayName: `${document}.v${row.version}.${lang}.pdf`,
      size: info.size,
      path: file,
    });
  }
  return out;
}

/** The sealed report as JSON: the frozen model (report, control plan, risks, findings), every answer, the audit head. */
function reportDocument(store: Store, row: VersionRow, auditHead: { hash: string; rows: number }): Buffer {
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
      model: parseStoredModel(row),
      answers: rows.map((a) => ({ ...a, value: parse(a.value) })),
      auditHead,
    }),
    'utf8',
  );
}

function evidenceBlobs(store: Store, caseId: string): SealBlob[] {
  return store.db
    .select()
    .from(evidence)
    .where(and(eq(evidence.caseId, caseId), isNull(evidence.removedAt)))
    .orderBy(asc(evidence.attachedAt))
    .all()
    .map((e) => ({
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

function requireTrust(store: Store): TrustList {
  const trust = installedTrustList(store);
  if (!trust) throw new AppError('unavailable', 'No trust list on this device yet: import the one HQ sent before sealing or importing.');
  return trust;
}

export type SealOptions = { caseId: string; lang: ReportLanguage; taskId?: string | undefined; parallel?: boolean | 'auto' };

export async function sealCase(ctx: HandlerContext, options: SealOptions): Promise<BundleDetail> {
  const actor = requireActor(ctx);
  const store = ctx.store;
  const progress = progressOf(ctx, options.taskId);
  requireCase(store, options.caseId);
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

  const version = versionToSeal(store, actor, options.caseId);
  const caseRow = store.db.select({ caseNumber: cases.caseNumber }).from(cases).where(eq(cases.id, options.caseId)).get();
  const chain = verifyAuditChain(store.sqlite);
  if (!chain.ok) throw new AppError('conflict', 'The audit log is broken (see audit:verify); a bundle cannot vouch for it.');
  const auditHead = { hash: chain.headHash, rows: chain.rows };

  const pdfs = await renderPdfs(store, version, options.lang, progress);
  const report = reportDocument(store, version, auditHead);
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
      signer: { keyId: keys.keyId, secretKey: keys.signingSecretKey, userId: actor.id ?? '', name: member.name },
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
      userId: actor.id ?? '',
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
          recordedBy: actor.name,
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

function insertFiles(store: Store, bundleId: string, files: VerificationReport['files']): void {
  for (const f of files) {
    store.db
      .insert(bundleFiles)
      .values({
        id: newId(),
        bundleId,
        sha256: f.sha256,
        role: f.role,
        mediaType: f.mediaType,
        size: f.size,
        displayName: f.displayName,
        evidenceId: f.evidenceId ?? null,
      })
      .run();
  }
}

/* ---- export ---- */

/** The name offered in save dialogs and downloads: case number (safe characters only) and sequence. */
export function bundleFileName(row: Pick<BundleRow, 'caseNumber' | 'sequence'>): string {
  const caseNumber = row.caseNumber.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[._]+/, '') || 'case';
  return `${caseNumber}-v${row.sequence}.aeob`;
}

/** Test seam: how export copies bytes (tests make it fail half-way, as a pulled USB stick would). */
export const exportFaults: { copy?: (source: string, temp: string) => Promise<void> } = {};

/**
 * Copies a sealed bundle to `target`: into a temp name in the target's folder, flushed, size-checked, then
 * published in one rename (or a link, which refuses to replace an existing file). On any failure (a full or
 * read-only target, a stick pulled out) the temp file is removed and nothing carries the final name.
 */
export async function exportBundle(store: Store, bundleId: string, target: string, overwrite: boolean): Promise<{ bundleId: string; path: string; size: number }> {
  await recoverInterruptedSeals(store);
  const row = bundleRow(store, bundleId);
  if (!row.path) throw new AppError('invalid_input', 'Only bundles sealed on this device are kept as .aeob files; imported ones live on as verified files.');
  if (!existsSync(row.path)) throw new AppError('not_found', `The bundle file ${row.path} is missing from the data folder.`);
  if (!path.isAbsolute(target)) throw new AppError('invalid_input', 'The target path must be absolute.', [{ path: 'path', message: 'must be absolute' }]);
  if (!overwrite && existsSync(target)) throw new AppError('conflict', `${target} already exists.`);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
  try {
    await (exportFaults.copy ?? ((source: string, to: string) => copyFile(source, to, constants.COPYFILE_EXCL)))(row.path, temp);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
      const size = (await handle.stat()).size;
      if (size !== row.size) throw Object.assign(new Error(`copied ${size} of ${row.size} bytes`), { code: 'EIO' });
    } finally {
      await handle.close();
    }
    if (overwrite) {
      await rename(temp, target);
    } else {
      try {
        await link(temp, target);
        await unlink(temp);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw error;
        // Filesystems without hard links (FAT on USB sticks): checked above, so a plain rename.
        await rename(temp, target);
      }
    }
    await fsyncDir(path.dirname(target));
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    if (error instanceof AppError) throw error;
    throw fileError(error, `Could not export to ${target}`);
  }
  return { bundleId, path: target, size: row.size };
}

/* ---- import ---- */

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

    // Replay: the same envelope again is a no-op; the same bundle id with other content is refused.
    const same = store.db.select().from(bundles).where(eq(bundles.envelopeDigest, report.envelopeDigest)).get();
    if (same) return { outcome: 'already_imported', bundle: detailOf(same) };
    const clash = store.db.select().from(bundles).where(eq(bundles.bundleId, report.bundleId)).get();
    if (clash) {
      return {
        outcome: 'rejected',
        rejection: { code: 'replay_conflict', reason: `bundle ${report.bundleId} is already recorded with different content (digest ${clash.envelopeDigest.slice(0, 16)}…)` },
      };
    }
    const flags = report.warnings.map((w) => w.code as string);
    const highest = store.db.select({ n: max(bundles.sequence) }).from(bundles).where(eq(bundles.signerKeyId, report.signer.keyId)).get()?.n ?? null;
    if (highest !== null && report.sequence <= highest) {
      flags.push('sequence_regression');
      report.warnings.push({
        code: 'sequence_regression',
        message: `sequence ${report.sequence} is not above ${highest}, the highest already seen from ${report.signer.name}`,
      });
    }
    const previous = store.db
      .select({ digest: bundles.envelopeDigest })
      .from(bundles)
      .where(and(eq(bundles.signerKeyId, report.signer.keyId), eq(bundles.sequence, report.sequence - 1)))
      .get();
    if (previous && previous.digest !== report.previousBundleDigest) {
      flags.push('chain_mismatch');
      report.warnings.push({
        code: 'chain_mismatch',
        message: `the bundle names another predecessor than the sequence-${report.sequence - 1} bundle this device holds`,
      });
    }

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
          reportVersionId: report.reportVersion.id,
          createdAt: report.createdAt,
          recordedAt,
          recordedBy: actor.name,
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
    return { outcome: 'imported', bundle: detailOf(bundleRow(store, report.bundleId)) };
  } finally {
    await rm(stageDir, { recursive: true, force: true });
  }
}

export const bundlesHandlers: HandlerMap<'bundles'> = {
  'bundles:seal': (ctx, input) => sealCase(ctx, input),

  'bundles:export': async (ctx, input) => {
    // The target comes only from the system's save dialog, which itself asks before replacing a file; the page
    // cannot name one. Without a desktop host (the browser preview) the page downloads the bundle instead.
    const host = requireHost(ctx);
    if (!host.chooseSavePath) throw new AppError('unavailable', 'This app cannot show a save dialog; download the bundle instead.');
    const row = bundleRow(ctx.store, input.bundleId);
    const chosen = await host.chooseSavePath(bundleFileName(row), { name: 'Sealed bundle', extensions: ['aeob'] });
    if (chosen === null) return { bundleId: input.bundleId, saved: false, fileName: null, size: row.size };
    const done = await exportBundle(ctx.store, input.bundleId, chosen, true);
    return { bundleId: done.bundleId, saved: true, fileName: path.basename(done.path), size: done.size };
  },

  'bundles:import': async (ctx, input) => {
    const { file, upload } = resolveFileSource(ctx, input.source);
    try {
      return await importBundle(ctx, { file, taskId: input.taskId });
    } finally {
      // An upload is staged for one import only, whatever its outcome.
      if (upload) await unlink(file).catch(() => undefined);
    }
  },

  'bundles:list': async (ctx, input) => {
    await recoverInterruptedSeals(ctx.store);
    const conditions = [
      ...(input.caseId ? [eq(bundles.caseId, input.caseId)] : []),
      ...(input.direction ? [eq(bundles.direction, input.direction)] : []),
    ];
    return ctx.store.db
      .select()
      .from(bundles)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(bundles.recordedAt))
      .all()
      .map(summaryOf);
  },

  'bundles:get': (ctx, input) => detailOf(bundleRow(ctx.store, input.bundleId)),
};

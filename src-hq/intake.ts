import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { and, desc, eq, gte } from 'drizzle-orm';
import type { HqRejectionCode, OfficerFlag } from '../src-main/contract/hq';
import { blobPath, fsyncDir, hashFile } from '../src-main/core/blob-store';
import { fsyncFile } from '../src-main/core/fs-atomic';
import { BundleError } from '../src-main/core/bundle/errors';
import { verifyBundle, type VerificationReport } from '../src-main/core/bundle/verify';
import { signReceipt } from '../src-main/core/hq-protocol';
import type { HqStore } from './db/open';
import { bundleAliases, bundleAudience, bundles, rejections } from './db/schema';
import type { HqIdentity } from './identity';
import type { TrustListSource } from './trust';

/*
 * What HQ does with a finished upload: re-hash it against the hash the device declared, verify it fully with the
 * core (every rejection code of the seal issue), and keep it once. Bundles are stored by their SHA-256 under
 * bundles/, their PDFs (staged by the verifier in the same pass) under blobs/; both are the core's content-addressed
 * layout. An envelope digest HQ already holds gets that bundle's receipt again; a known bundle id with other
 * content is refused. Every refusal is recorded with its code and reason.
 */

export type IntakeOutcome =
  | { outcome: 'delivered'; hqSequence: number; bundleId: string; duplicate: boolean }
  | { outcome: 'rejected'; code: HqRejectionCode; reason: string; bundleId: string | null };

export type IntakeInput = { file: string; declaredSha256: string; keyId: string; size: number };

/** The PDFs officers may fetch; evidence stays inside the bundle (the officer downloads the bundle for it). */
export const OFFICER_FILE_ROLES = ['validation-report-pdf', 'control-plan-pdf'] as const;

export const bundlesRoot = (dataDir: string) => path.join(dataDir, 'bundles');
export const blobsRoot = (dataDir: string) => path.join(dataDir, 'blobs');

export class Intake {
  constructor(
    private readonly store: HqStore,
    private readonly identity: HqIdentity,
    private readonly trust: TrustListSource,
    private readonly now: () => Date,
    private readonly maxBundleBytes: number,
  ) {}

  async ingest(input: IntakeInput): Promise<IntakeOutcome> {
    const sha256 = await hashFile(input.file);
    if (sha256 !== input.declaredSha256) {
      return this.reject(input, 'hash_mismatch', `the uploaded bytes hash to ${sha256.slice(0, 16)}…, not the declared ${input.declaredSha256.slice(0, 16)}…`, null);
    }
    const known = this.deliveredFor(sha256);
    if (known) return { outcome: 'delivered', hqSequence: known.hqSequence, bundleId: known.bundleId, duplicate: true };

    const stageDir = path.join(blobsRoot(this.store.dataDir), 'tmp', randomBytes(12).toString('hex'));
    try {
      let verified;
      try {
        verified = await verifyBundle({
          path: input.file,
          identities: [this.identity.keys.ageIdentity],
          trustList: this.trust.current(),
          now: this.now(),
          limits: { maxBundleBytes: this.maxBundleBytes },
          stageDir,
          stageRoles: OFFICER_FILE_ROLES,
        });
      } catch (error) {
        if (error instanceof BundleError) return this.reject(input, error.code, error.reason, null);
        throw error;
      }
      const { report, staged } = verified;
      const settled = this.settleDuplicate(input, sha256, report);
      if (settled) return settled;

      // Bytes first, rows second: a crash in between leaves an unreferenced file, never a row without its bytes.
      await publish(input.file, blobPath(bundlesRoot(this.store.dataDir), sha256), 'link');
      for (const [digest, file] of staged) await publish(file, blobPath(blobsRoot(this.store.dataDir), digest), 'rename');
      return this.record(input, sha256, report);
    } finally {
      await rm(stageDir, { recursive: true, force: true });
    }
  }

  /** The receipt row for these bytes (stored under this hash, or an alias of it). */
  deliveredFor(sha256: string): { hqSequence: number; bundleId: string; receipt: string } | null {
    const direct = this.store.db.select().from(bundles).where(eq(bundles.sha256, sha256)).get();
    if (direct) return direct;
    const alias = this.store.db.select().from(bundleAliases).where(eq(bundleAliases.sha256, sha256)).get();
    if (!alias) return null;
    return this.store.db.select().from(bundles).where(eq(bundles.hqSequence, alias.hqSequence)).get() ?? null;
  }

  /** Same envelope: the existing receipt. Same bundle id, other envelope: refused. Synchronous, so no race. */
  private settleDuplicate(input: IntakeInput, sha256: string, report: VerificationReport): IntakeOutcome | null {
    const sameEnvelope = this.store.db.select().from(bundles).where(eq(bundles.envelopeDigest, report.envelopeDigest)).get();
    if (sameEnvelope) {
      if (sameEnvelope.sha256 !== sha256) this.store.db.insert(bundleAliases).values({ sha256, hqSequence: sameEnvelope.hqSequence }).onConflictDoNothing().run();
      return { outcome: 'delivered', hqSequence: sameEnvelope.hqSequence, bundleId: sameEnvelope.bundleId, duplicate: true };
    }
    const sameId = this.store.db.select().from(bundles).where(eq(bundles.bundleId, report.bundleId)).get();
    if (sameId) {
      return this.reject(input, 'bundle_id_conflict', `HQ already holds bundle ${report.bundleId} with other content (received ${sameId.receivedAt})`, report.bundleId);
    }
    return null;
  }

  private record(input: IntakeInput, sha256: string, report: VerificationReport): IntakeOutcome {
    const receivedAt = this.now().toISOString();
    const sqlite = this.store.sqlite;
    sqlite.pragma('synchronous = FULL');
    try {
      return sqlite.transaction((): IntakeOutcome => {
        // Checked again inside the transaction: another upload of the same bundle may have finished meanwhile.
        const settled = this.settleDuplicate(input, sha256, report);
        if (settled) return settled;
        const flags = this.flagsFor(report);
        const row = this.store.db
          .insert(bundles)
          .values({
            sha256,
            bundleId: report.bundleId,
            envelopeDigest: report.envelopeDigest,
            kind: 'seal',
            signerKeyId: report.signer.keyId,
            sequence: report.sequence,
            caseNumber: report.caseNumber,
            size: input.size,
            receivedAt,
            flags: JSON.stringify(flags),
            report: JSON.stringify(report),
            receipt: '',
          })
          .returning({ hqSequence: bundles.hqSequence })
          .get();
        const receipt = signReceipt(
          { bundleId: report.bundleId, envelopeDigest: report.envelopeDigest, sha256, size: input.size, receivedAt, hqKeyId: this.identity.signer.keyId, sequence: row.hqSequence },
          this.identity.signer,
        );
        this.store.db.update(bundles).set({ receipt: JSON.stringify(receipt) }).where(eq(bundles.hqSequence, row.hqSequence)).run();
        const audience = [...new Set(report.audience.map((a) => a.fingerprint))];
        if (audience.length > 0) this.store.db.insert(bundleAudience).values(audience.map((fingerprint) => ({ hqSequence: row.hqSequence, fingerprint }))).run();
        return { outcome: 'delivered', hqSequence: row.hqSequence, bundleId: report.bundleId, duplicate: false };
      }).immediate();
    } finally {
      sqlite.pragma('synchronous = NORMAL');
    }
  }

  /** The core's warnings, plus HQ's view of the signer's chain: a sequence not above the last, a broken link. */
  private flagsFor(report: VerificationReport): OfficerFlag[] {
    const flags = new Set<OfficerFlag>(report.warnings.map((w) => w.code));
    const db = this.store.db;
    const later = db.select({ n: bundles.hqSequence }).from(bundles).where(and(eq(bundles.signerKeyId, report.signer.keyId), gte(bundles.sequence, report.sequence))).get();
    if (later) flags.add('sequence_regression');
    const previous = db
      .select({ report: bundles.report, envelopeDigest: bundles.envelopeDigest })
      .from(bundles)
      .where(and(eq(bundles.signerKeyId, report.signer.keyId), eq(bundles.sequence, report.sequence - 1)))
      .orderBy(desc(bundles.hqSequence))
      .get();
    if (previous && previous.envelopeDigest !== report.previousBundleDigest) flags.add('chain_mismatch');
    if (!previous && report.sequence === 1 && report.previousBundleDigest !== null) flags.add('chain_mismatch');
    return [...flags];
  }

  private reject(input: IntakeInput, code: HqRejectionCode, reason: string, bundleId: string | null): IntakeOutcome {
    this.store.db
      .insert(rejections)
      .values({ sha256: input.declaredSha256, code, reason, keyId: input.keyId, bundleId, at: this.now().toISOString() })
      .run();
    return { outcome: 'rejected', code, reason, bundleId };
  }

  /** Staging folders left by a crash mid-verification. */
  async sweepStaging(): Promise<void> {
    const tmp = path.join(blobsRoot(this.store.dataDir), 'tmp');
    for (const name of await readdir(tmp).catch(() => [] as string[])) await rm(path.join(tmp, name), { recursive: true, force: true });
  }
}

/**
 * Puts a verified file at its content address, read-only. The bundle is hard-linked (the tus store then drops its
 * own name for it); staged blobs are moved. An address already taken holds the same bytes (its name is their
 * hash, checked when it was stored), so the new copy is simply dropped. A linked bundle is flushed first: the tus
 * store wrote it through the page cache without an fsync, and HQ's receipt tells the device it may stop keeping
 * it — a power cut after the receipt must not lose it. (Staged blobs were fsynced as they were written.)
 */
async function publish(source: string, target: string, how: 'link' | 'rename'): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  if (how === 'link') await fsyncFile(source);
  try {
    if (how === 'link') await link(source, target);
    else await rename(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (how === 'rename') await rm(source, { force: true });
    return;
  }
  await chmod(target, 0o444);
  await fsyncDir(path.dirname(target));
}

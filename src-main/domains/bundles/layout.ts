import { desc, eq } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ProgressPhase } from '../../contract/progress';
import type { BundleDetail, BundleSummary, VerificationReport } from '../../contract/bundles';
import { AppError, refusal } from '../../contract/result';
import { fsyncDir, sweepStaleFiles } from '../../core/blob-store';
import type { TrustList } from '../../core/bundle/trust-list';
import { newId } from '../../core/ids';
import type { Store } from '../../db/open';
import { bundleFiles, bundles } from '../../db/schema';
import type { HandlerContext } from '../../kernel/context';
import { installedTrustList } from '../trust';

/*
 * Where bundles live on a device and how their rows read back. Sealing writes `<dataDir>/bundles/<id>.aeob.part`,
 * records the bundle in one transaction, then renames the .part into place; `recoverInterruptedSeals` finishes
 * that last step after a crash (the row names the file, the flushed .part is complete). Imports stage their blobs
 * under bundles/staging/ until everything is verified.
 */

export const bundlesDir = (store: Store) => path.join(store.dataDir, 'bundles');
export const stagingRoot = (store: Store) => path.join(bundlesDir(store), 'staging');
export const bundleFile = (store: Store, bundleId: string) => path.join(bundlesDir(store), `${bundleId}.aeob`);

export type BundleRow = typeof bundles.$inferSelect;
export type Progress = (phase: ProgressPhase, done: number, total: number) => void;

export function progressOf(ctx: HandlerContext, taskId: string | undefined): Progress {
  return (phase, done, total) => {
    if (taskId) ctx.progress({ taskId, phase, done, total });
  };
}

/** The stored verification report; rows recorded before issue 12 are field reports without the team fields. */
export function reportOf(row: BundleRow): VerificationReport {
  const stored = JSON.parse(row.report) as Partial<VerificationReport>;
  return { kind: 'seal', handout: null, inputs: [], cosigners: [], assignees: [], ...stored } as VerificationReport;
}

export function summaryOf(row: BundleRow): BundleSummary {
  const report = reportOf(row);
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

export const detailOf = (row: BundleRow): BundleDetail => ({ summary: summaryOf(row), report: reportOf(row) });

/** The latest bundle of a kind recorded for a case on this device (sealed here or imported), or null. */
export function latestOfKind(store: Store, caseId: string, kind: VerificationReport['kind']): BundleRow | null {
  const rows = store.db.select().from(bundles).where(eq(bundles.caseId, caseId)).orderBy(desc(bundles.createdAt), desc(bundles.recordedAt)).all();
  return rows.find((row) => reportOf(row).kind === kind) ?? null;
}

export function bundleRow(store: Store, bundleId: string): BundleRow {
  const row = store.db.select().from(bundles).where(eq(bundles.bundleId, bundleId)).get();
  if (!row) throw new AppError('not_found', 'No bundle with this id on this device.');
  return row;
}

/** The files a bundle carries, one row each; call inside the transaction that records the bundle. */
export function insertFiles(store: Store, bundleId: string, files: VerificationReport['files']): void {
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

export function requireTrust(store: Store): TrustList {
  const trust = installedTrustList(store);
  if (!trust) throw refusal('unavailable', 'no_trust_list', 'No trust list on this device yet: import the one HQ sent before sealing or importing.');
  return trust;
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

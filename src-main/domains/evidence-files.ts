import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { loadSharp } from '../core/sharp';
import type { EvidenceIntegrity, IntegrityReport } from '../contract/evidence';
import { AppError } from '../contract/result';
import type { Store } from '../db/open';
import type { HandlerContext } from '../kernel/context';
import { blobPath, hashFile } from '../core/blob-store';
import { writeFileAtomic } from '../core/fs-atomic';
import { blobRoot } from './evidence-ingest';

/*
 * Reading stored evidence files back: thumbnails (made with sharp, cached beside the blobs) and the integrity
 * check that re-hashes every blob. Both only read what `evidence:attach` stored, so they live apart from the
 * ingest path (evidence-ingest.ts) and from the row handlers (evidence.ts), which call them.
 */

const THUMBNAIL_PIXELS = { small: 320, large: 1280 } as const;

export async function thumbnail(root: string, sha256: string, size: 'small' | 'large'): Promise<Buffer> {
  // Checked even when a cached thumbnail exists: a picture must not suggest the evidence is still there.
  const source = blobPath(root, sha256);
  if (!(await stat(source).catch(() => null))?.isFile()) {
    throw new AppError('not_found', 'The stored photo file is missing; run the integrity check.');
  }
  const cached = path.join(root, 'thumbs', size, `${sha256}.jpg`);
  try {
    return await readFile(cached);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const pixels = THUMBNAIL_PIXELS[size];
  let data: Buffer;
  const sharp = await loadSharp();
  try {
    data = await sharp(source, { failOn: 'error' })
      .rotate() // applies the EXIF orientation, then drops the tag
      .resize(pixels, pixels, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
  } catch {
    throw new AppError(
      'unavailable',
      'This photo cannot be shown as a thumbnail (the image data is damaged or in an unsupported format).',
    );
  }
  // core/fs-atomic (temp file, flush, rename), so a reader never sees half a thumbnail; two concurrent writers both
  // publish whole files, and the later one replaces the earlier.
  try {
    await mkdir(path.dirname(cached), { recursive: true });
    await writeFileAtomic(cached, data, { overwrite: true });
  } catch {
    // The cache is an optimisation: the thumbnail itself is still good.
  }
  return data;
}

/*
 * The state of each stored file, for lists and galleries. Hashing a file is what proves it, so a verdict is kept
 * per file identity (size, inode, modification and change times): a list shown again costs one stat per file, and
 * any write to a file (even one that puts its mtime back: the change time still moves) makes it hashed again.
 */
const verdicts = new WeakMap<Store, Map<string, 'ok' | 'altered'>>();

async function fileIntegrity(store: Store, sha256: string, size: number): Promise<EvidenceIntegrity> {
  const file = blobPath(blobRoot(store), sha256);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return 'missing';
  if (info.size !== size) return 'altered';
  let known = verdicts.get(store);
  if (!known) verdicts.set(store, (known = new Map()));
  const identity = `${sha256}:${info.size}:${info.ino}:${info.mtimeMs}:${info.ctimeMs}`;
  const cached = known.get(identity);
  if (cached) return cached;
  const verdict = (await hashFile(file).catch(() => null)) === sha256 ? 'ok' : 'altered';
  known.set(identity, verdict);
  return verdict;
}

/**
 * How many files the integrity of a list hashes at once. Measured (issue 14): with every file at once, printing a
 * report of 120 photos (127 MB) held 286 MB of read buffers together, the whole peak RSS of `aeo report`; four at a
 * time keep the disk and the hash busy with a few MiB in flight, and take no longer.
 */
export const HASH_CONCURRENCY = 4;

/** The integrity of every listed file; each distinct file is looked at once, a few at a time. */
export async function withIntegrity<T extends { sha256: string; size: number }>(
  store: Store,
  rows: readonly T[],
): Promise<(T & { integrity: EvidenceIntegrity })[]> {
  const limit = pLimit(HASH_CONCURRENCY);
  const states = new Map<string, Promise<EvidenceIntegrity>>();
  for (const row of rows) if (!states.has(row.sha256)) states.set(row.sha256, limit(() => fileIntegrity(store, row.sha256, row.size)));
  return Promise.all(rows.map(async (row) => ({ ...row, integrity: await states.get(row.sha256)! })));
}

type VerifyTarget = { sha256: string; size: number; originalName: string; evidenceIds: string[] };

function verifyTargets(store: Store, caseId: string | undefined): VerifyTarget[] {
  const rows = (
    caseId
      ? store.sqlite
          .prepare(
            `SELECT b.sha256, b.size, e.id AS evidenceId, e.original_name AS originalName
               FROM evidence e JOIN blobs b ON b.sha256 = e.sha256
              WHERE e.case_id = ? AND e.removed_at IS NULL
              ORDER BY e.attached_at, e.id`,
          )
          .all(caseId)
      : store.sqlite
          .prepare(
            `SELECT b.sha256, b.size, e.id AS evidenceId, e.original_name AS originalName
               FROM blobs b LEFT JOIN evidence e ON e.sha256 = b.sha256 AND e.removed_at IS NULL
              ORDER BY b.stored_at, b.sha256, e.attached_at, e.id`,
          )
          .all()
  ) as { sha256: string; size: number; evidenceId: string | null; originalName: string | null }[];
  const targets = new Map<string, VerifyTarget>();
  for (const row of rows) {
    let target = targets.get(row.sha256);
    if (!target) {
      target = { sha256: row.sha256, size: row.size, originalName: row.originalName ?? '', evidenceIds: [] };
      targets.set(row.sha256, target);
    }
    if (row.evidenceId) target.evidenceIds.push(row.evidenceId);
  }
  return [...targets.values()];
}

/** Re-hashes every blob of one case (or of the whole store), reporting bytes hashed as progress. */
export async function verifyBlobs(
  ctx: HandlerContext,
  caseId: string | undefined,
  taskId: string | undefined,
): Promise<IntegrityReport> {
  const root = blobRoot(ctx.store);
  const targets = verifyTargets(ctx.store, caseId);
  const total = targets.reduce((sum, t) => sum + t.size, 0);
  const report = (done: number) => {
    if (taskId) ctx.progress({ taskId, phase: 'verify', done, total });
  };
  let doneBefore = 0;
  report(0);
  const problems: IntegrityReport['problems'] = [];
  for (const target of targets) {
    const file = blobPath(root, target.sha256);
    let problem: 'missing' | 'altered' | null = null;
    try {
      const info = await stat(file);
      if (!info.isFile()) problem = 'missing';
      else if (info.size !== target.size) problem = 'altered';
      else if ((await hashFile(file, (done) => report(doneBefore + done))) !== target.sha256) problem = 'altered';
    } catch (error) {
      // A file that is gone, or can no longer be read, no longer proves anything.
      if ((error as NodeJS.ErrnoException).code === undefined) throw error;
      problem = 'missing';
    }
    if (problem) {
      problems.push({
        evidenceIds: target.evidenceIds,
        sha256: target.sha256,
        originalName: target.originalName,
        problem,
      });
    }
    doneBefore += target.size;
    report(doneBefore);
  }
  return { checked: targets.length, ok: problems.length === 0, problems };
}

import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import exifr from 'exifr';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Evidence, IntegrityReport } from '../contract/evidence';
import type { FileSource } from '../contract/file-source';
import { AppError } from '../contract/result';
import { appendAudit, fieldChanges, type Actor } from '../db/audit-chain';
import type { Store } from '../db/open';
import { blobs, cases, checklistRuns, checklistTemplates, evidence } from '../db/schema';
import {
  blobPath,
  hashFile,
  ingestFile,
  readHead,
  sweepStaleFiles,
  sweepTemp,
  tempDir,
  tempPath,
  type IngestResult,
  type TempWriterFactory,
} from '../core/blob-store';
import { newId, nowUtc } from '../core/ids';
import { SNIFF_BYTES, classifyKind, sniffMediaType } from '../core/media-type';
import { requireActor, type HandlerContext, type HandlerMap } from '../handlers/registry';
import { resolveFileSource, uploadsDir } from './file-source';

/** The content-addressed store of evidence files, beside the database. */
export const blobRoot = (store: Store) => path.join(store.dataDir, 'blobs');
/** Where the preview server stages browser uploads until `evidence:attach` takes them. */
export { uploadsDir };

const THUMBNAIL_PIXELS = { small: 320, large: 1280 } as const;

/**
 * Test seam: a specification sets `createTempWriter` to make the copy fail part-way, as a full disk would,
 * through the real handler. Production code never sets it.
 */
export const evidenceFaults: { createTempWriter?: TempWriterFactory } = {};

type EvidenceRow = typeof evidence.$inferSelect;

function toEvidence(row: EvidenceRow): Evidence {
  const { removedAt: _removedAt, ...rest } = row;
  return rest as Evidence;
}

function getLiveRow(store: Store, id: string): EvidenceRow {
  const row = store.db
    .select()
    .from(evidence)
    .where(and(eq(evidence.id, id), isNull(evidence.removedAt)))
    .get();
  if (!row) throw new AppError('not_found', 'No evidence with this id (it may have been removed).');
  return row;
}

/** The case must exist; a run must belong to it; an item must be in the run's pinned template version. */
function checkPlace(store: Store, caseId: string, runId: string | undefined, itemId: string | undefined): void {
  if (!store.db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).get()) {
    throw new AppError('not_found', 'No validation case with this id.');
  }
  if (runId === undefined) return;
  const run = store.db
    .select({ caseId: checklistRuns.caseId, templateRowId: checklistRuns.templateRowId })
    .from(checklistRuns)
    .where(eq(checklistRuns.id, runId))
    .get();
  if (!run) throw new AppError('not_found', 'No checklist run with this id.');
  if (run.caseId !== caseId) {
    throw new AppError('invalid_input', 'Invalid input at: runId', [
      { path: 'runId', message: 'this checklist run belongs to another case' },
    ]);
  }
  if (itemId === undefined) return;
  const template = store.db
    .select({ body: checklistTemplates.body })
    .from(checklistTemplates)
    .where(eq(checklistTemplates.id, run.templateRowId))
    .get();
  if (!template || !templateItemIds(template.body).has(itemId)) {
    throw new AppError('invalid_input', 'Invalid input at: itemId', [
      { path: 'itemId', message: "no item with this id in the run's checklist" },
    ]);
  }
}

function templateItemIds(body: string): Set<string> {
  const ids = new Set<string>();
  try {
    const parsed = JSON.parse(body) as { sections?: { items?: { id?: unknown }[] }[] };
    for (const section of parsed.sections ?? []) {
      for (const item of section.items ?? []) if (typeof item.id === 'string') ids.add(item.id);
    }
  } catch {
    // A stored template is validated JSON; an unreadable one simply has no items to attach to.
  }
  return ids;
}

type Source = { file: string; upload: boolean; mtimeMs: number; size: number };

async function resolveSource(ctx: HandlerContext, source: FileSource): Promise<Source> {
  const { file, upload } = resolveFileSource(ctx, source);
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw new AppError('invalid_input', `Cannot read ${describe(file, upload)}: it is a folder, not a file.`);
    }
    if (!info.isFile()) {
      throw new AppError('invalid_input', `Cannot read ${describe(file, upload)}: it is not a regular file.`);
    }
    return { file, upload, mtimeMs: info.mtimeMs, size: info.size };
  } catch (error) {
    throw sourceError(error, file, upload);
  }
}

const describe = (file: string, upload: boolean) => (upload ? 'the uploaded file' : `the file ${file}`);

/** Turns file-system errors into messages the validator can act on; anything unexpected stays internal. */
function sourceError(error: unknown, file: string, upload: boolean): unknown {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError(
        'not_found',
        upload
          ? 'The uploaded file no longer exists (it was attached already or cleaned up); upload it again.'
          : `The file ${file} no longer exists. Nothing was stored.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new AppError(
        'invalid_input',
        `Cannot read ${describe(file, upload)}: permission denied. Nothing was stored.`,
      );
    case 'EISDIR':
      return new AppError('invalid_input', `Cannot read ${describe(file, upload)}: it is a folder, not a file.`);
    case 'ENOTFILE':
      return new AppError('invalid_input', `Cannot read ${describe(file, upload)}: it is not a regular file.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError(
        'unavailable',
        'Not enough disk space to store the file. Nothing was stored; free some space and try again.',
      );
    case 'EIO':
      return new AppError(
        'unavailable',
        `Reading ${describe(file, upload)} failed (input/output error). Nothing was stored.`,
      );
    default:
      return error;
  }
}

/**
 * EXIF DateTimeOriginal as UTC. The tag is a local wall-clock time; with OffsetTimeOriginal it is exact, without
 * it we read it in this computer's time zone (the camera and the validator's laptop are normally in the same one).
 */
export async function exifCapturedAt(file: string): Promise<string | null> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(file, {
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'SubSecTimeOriginal'],
      reviveValues: false,
    })) as Record<string, unknown> | undefined;
  } catch {
    return null;
  }
  const original = tags?.DateTimeOriginal;
  if (typeof original !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(original.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const subsec = String(tags?.SubSecTimeOriginal ?? '').trim();
  const ms = /^\d+$/.test(subsec) ? Number(subsec.padEnd(3, '0').slice(0, 3)) : 0;
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const offset = /^([+-])(\d{2}):(\d{2})$/.exec(String(tags?.OffsetTimeOriginal ?? '').trim());
  let time: number;
  if (offset) {
    const sign = offset[1] === '-' ? -1 : 1;
    const offsetMinutes = sign * (Number(offset[2]) * 60 + Number(offset[3]));
    time = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  } else {
    const local = new Date(year, month - 1, day, hour, minute, second, ms);
    if (local.getDate() !== day) return null; // 31 February and the like
    time = local.getTime();
  }
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

/**
 * Once per store per process, at the first attach: temp files of a copy that crashed, and uploads staged more
 * than a day ago and never attached, are deleted.
 */
const swept = new Set<string>();

async function storeSource(ctx: HandlerContext, source: Source, taskId: string | undefined): Promise<IngestResult> {
  const root = blobRoot(ctx.store);
  if (!swept.has(root)) {
    swept.add(root);
    await sweepTemp(root);
    await sweepStaleFiles(uploadsDir(ctx.store));
  }
  const report = taskId
    ? (done: number, total: number) => ctx.progress({ taskId, phase: 'copy', done, total })
    : undefined;
  report?.(0, source.size);
  try {
    return await ingestFile(root, source.file, {
      onProgress: report,
      total: source.size,
      createTempWriter: evidenceFaults.createTempWriter,
    });
  } catch (error) {
    throw sourceError(error, source.file, source.upload);
  }
}

function sameValue<T>(column: Parameters<typeof eq>[0], value: T | undefined): SQL {
  return value === undefined ? isNull(column) : eq(column, value);
}

function insertEvidence(
  store: Store,
  actor: Actor,
  row: EvidenceRow,
  blob: typeof blobs.$inferInsert,
): Evidence {
  return store.db.transaction(() => {
    // Idempotent: the same bytes attached again to the same place answer the row already there.
    const existing = store.db
      .select()
      .from(evidence)
      .where(
        and(
          eq(evidence.caseId, row.caseId),
          sameValue(evidence.runId, row.runId ?? undefined),
          sameValue(evidence.itemId, row.itemId ?? undefined),
          eq(evidence.sha256, row.sha256),
          isNull(evidence.removedAt),
        ),
      )
      .orderBy(asc(evidence.attachedAt))
      .get();
    if (existing) return toEvidence(existing);
    const blobIsNew = store.db.insert(blobs).values(blob).onConflictDoNothing().run().changes === 1;
    store.db.insert(evidence).values(row).run();
    appendAudit(store.sqlite, actor, [
      ...(blobIsNew ? [{ entity: 'blob', entityId: blob.sha256, action: 'create' as const, after: blob }] : []),
      { entity: 'evidence', entityId: row.id, action: 'create', after: toEvidence(row) },
    ]);
    return toEvidence(row);
  });
}

async function thumbnail(root: string, sha256: string, size: 'small' | 'large'): Promise<Buffer> {
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
  // Temp file and rename, so a reader never sees half a thumbnail; two concurrent writers both rename whole files.
  await mkdir(tempDir(root), { recursive: true });
  const temp = tempPath(root, '.jpg');
  try {
    await writeFile(temp, data, { flag: 'wx' });
    await mkdir(path.dirname(cached), { recursive: true });
    await rename(temp, cached);
  } catch {
    await unlink(temp).catch(() => undefined);
    // The cache is an optimisation: the thumbnail itself is still good.
  }
  return data;
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

export const evidenceHandlers: HandlerMap<'evidence'> = {
  'evidence:attach': async (ctx, input) => {
    const actor = requireActor(ctx);
    checkPlace(ctx.store, input.caseId, input.runId, input.itemId);
    const source = await resolveSource(ctx, input.source);
    const originalName =
      input.originalName ??
      (source.upload ? `upload-${path.basename(source.file)}` : path.basename(source.file));

    // The bytes are safely in the store (or the call has failed, leaving nothing) before any row is written.
    const stored = await storeSource(ctx, source, input.taskId);
    const mediaType = sniffMediaType(await readHead(stored.path, SNIFF_BYTES), originalName);
    // A file that is no image, where the UI asked for a photo, is still kept: as a document.
    const kind = await classifyKind(stored.path, mediaType);
    const capturedAt =
      (kind === 'photo' ? await exifCapturedAt(stored.path) : null) ?? new Date(source.mtimeMs).toISOString();
    const now = nowUtc();
    const row: EvidenceRow = {
      id: newId(),
      caseId: input.caseId,
      runId: input.runId ?? null,
      itemId: input.itemId ?? null,
      sha256: stored.sha256,
      kind,
      originalName,
      size: stored.size,
      mediaType,
      capturedAt,
      effectiveDate: input.effectiveDate,
      caption: input.caption,
      attachedBy: actor.id ?? '',
      attachedByName: actor.name,
      attachedAt: now,
      removedAt: null,
    };
    const result = insertEvidence(ctx.store, actor, row, {
      sha256: stored.sha256,
      size: stored.size,
      mediaType,
      storedAt: now,
    });
    if (source.upload) await unlink(source.file).catch(() => undefined);
    return result;
  },

  'evidence:list': (ctx, input) => {
    const where = [eq(evidence.caseId, input.caseId), isNull(evidence.removedAt)];
    if (input.runId !== undefined) where.push(eq(evidence.runId, input.runId));
    if (input.itemId !== undefined) where.push(eq(evidence.itemId, input.itemId));
    return ctx.store.db
      .select()
      .from(evidence)
      .where(and(...where))
      .orderBy(asc(evidence.attachedAt), asc(evidence.id))
      .all()
      .map(toEvidence);
  },

  'evidence:update': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const before = getLiveRow(ctx.store, input.id);
      const patch: Partial<Pick<EvidenceRow, 'caption' | 'effectiveDate'>> = {};
      if (input.caption !== undefined) patch.caption = input.caption;
      if (input.effectiveDate !== undefined) patch.effectiveDate = input.effectiveDate;
      const changes = fieldChanges('evidence', before.id, before, patch);
      if (changes.length === 0) return toEvidence(before);
      ctx.store.db.update(evidence).set(patch).where(eq(evidence.id, before.id)).run();
      appendAudit(ctx.store.sqlite, actor, changes);
      return toEvidence(getLiveRow(ctx.store, before.id));
    });
  },

  'evidence:remove': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const before = getLiveRow(ctx.store, input.id);
      // A tombstone: the row and its file stay, so the audit trail and a later merge can still see them.
      ctx.store.db.update(evidence).set({ removedAt: nowUtc() }).where(eq(evidence.id, before.id)).run();
      appendAudit(ctx.store.sqlite, actor, [
        { entity: 'evidence', entityId: before.id, action: 'delete', before: toEvidence(before) },
      ]);
      return { id: before.id };
    });
  },

  'evidence:thumbnail': async (ctx, input) => {
    const row = getLiveRow(ctx.store, input.id);
    if (row.kind !== 'photo') {
      throw new AppError('not_found', 'This evidence is a document; only photos have thumbnails.');
    }
    const data = await thumbnail(blobRoot(ctx.store), row.sha256, input.size);
    return { id: row.id, dataUrl: `data:image/jpeg;base64,${data.toString('base64')}` };
  },

  'evidence:verify': async (ctx, input) => {
    if (input.caseId !== undefined) checkPlace(ctx.store, input.caseId, undefined, undefined);
    const root = blobRoot(ctx.store);
    const targets = verifyTargets(ctx.store, input.caseId);
    const total = targets.reduce((sum, t) => sum + t.size, 0);
    const taskId = input.taskId;
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
  },
};

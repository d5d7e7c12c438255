import exifr from 'exifr';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileSource } from '../contract/file-source';
import { AppError } from '../contract/result';
import type { Store } from '../db/open';
import { ingestFile, sweepStaleFiles, sweepTemp, type IngestResult, type TempWriterFactory } from '../core/blob-store';
import type { HandlerContext } from '../kernel/context';
import { resolveFileSource, uploadsDir } from './file-source';

/*
 * Getting a file's bytes into the evidence store: resolving the FileSource, checking it is a readable regular
 * file, copying it into the content-addressed store, and reading its EXIF capture time. Everything here touches
 * the file system and nothing touches the database, which is why it sits apart from the handlers in evidence.ts
 * (rows, places, audit) and from evidence-files.ts (reading stored files back: thumbnails, integrity check).
 */

/** The content-addressed store of evidence files, beside the database. */
export const blobRoot = (store: Store) => path.join(store.dataDir, 'blobs');

/**
 * Test seam: a specification sets `createTempWriter` to make the copy fail part-way, as a full disk would,
 * through the real handler. Production code never sets it.
 */
export const evidenceFaults: { createTempWriter?: TempWriterFactory } = {};

export type Source = { file: string; upload: boolean; mtimeMs: number; size: number };

export async function resolveSource(ctx: HandlerContext, source: FileSource): Promise<Source> {
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

export async function storeSource(ctx: HandlerContext, source: Source, taskId: string | undefined): Promise<IngestResult> {
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

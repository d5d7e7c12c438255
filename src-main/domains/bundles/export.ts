import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../contract/result';
import { writeStreamAtomic } from '../../core/fs-atomic';
import type { Store } from '../../db/open';
import { fileError } from '../keys';
import { bundleRow, recoverInterruptedSeals } from './layout';

/** Test seam: where export reads the sealed bytes from (tests make the read fail half-way, as a pulled USB stick would). */
export const exportFaults: { read?: (source: string) => Readable } = {};

/**
 * Copies a sealed bundle to `target` through core/fs-atomic: a unique temp name in the target's folder, flushed,
 * size-checked, then published in one rename (or a link, which refuses to replace an existing file). On any failure
 * (a full or read-only target, a stick pulled out) the temp file is removed and nothing carries the final name.
 */
export async function exportBundle(store: Store, bundleId: string, target: string, overwrite: boolean): Promise<{ bundleId: string; path: string; size: number }> {
  await recoverInterruptedSeals(store);
  const row = bundleRow(store, bundleId);
  if (!row.path) throw new AppError('invalid_input', 'Only bundles sealed on this device are kept as .aeob files; imported ones live on as verified files.');
  if (!existsSync(row.path)) throw new AppError('not_found', `The bundle file ${row.path} is missing from the data folder.`);
  if (!path.isAbsolute(target)) throw new AppError('invalid_input', 'The target path must be absolute.', [{ path: 'path', message: 'must be absolute' }]);
  if (!overwrite && existsSync(target)) throw new AppError('conflict', `${target} already exists.`);
  const source = row.path;
  try {
    await writeStreamAtomic(target, (exportFaults.read ?? ((file: string) => createReadStream(file, { highWaterMark: 1024 * 1024 })))(source), {
      overwrite,
      expectedSize: row.size,
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileError(error, `Could not export to ${target}`);
  }
  return { bundleId, path: target, size: row.size };
}

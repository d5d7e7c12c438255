import path from 'node:path';
import type { FileSource } from '../contract/file-source';
import { AppError } from '../contract/result';
import type { Store } from '../db/open';
import type { HandlerContext } from '../handlers/registry';

export const uploadsDir = (store: Store) => path.join(store.dataDir, 'uploads');

/**
 * Where the bytes of a file source are: a token redeemed with the host that issued it (single use), or a staged
 * upload in the data folder. The page names no path, so there is nothing here a request could point elsewhere.
 */
export function resolveFileSource(ctx: HandlerContext, source: FileSource): { file: string; upload: boolean } {
  if ('uploadId' in source) return { file: path.join(uploadsDir(ctx.store), source.uploadId), upload: true };
  const file = ctx.fileTokens?.take(source.token) ?? null;
  if (file === null || !path.isAbsolute(file)) {
    throw new AppError('not_found', 'That file is no longer available to the app; drop or choose it again.', [
      { path: 'source.token', message: 'unknown or expired file token' },
    ]);
  }
  return { file, upload: false };
}

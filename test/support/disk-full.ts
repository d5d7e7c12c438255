import fs from 'node:fs';
import type { TempWriterFactory } from '../../src-main/core/blob-store';

/**
 * A temp-file writer on the real file system whose writes fail with ENOSPC once `limit` bytes are on disk, as a
 * full disk would: the temp file exists and holds a partial copy when the error comes.
 */
export function diskFullAfter(limit: number): TempWriterFactory {
  let written = 0;
  const failing = {
    open: fs.open,
    close: fs.close,
    fsync: fs.fsync,
    write(
      fd: number,
      buffer: Buffer,
      offset: number,
      length: number,
      position: number | null,
      callback: (error: NodeJS.ErrnoException | null, bytes?: number) => void,
    ) {
      if (written + length > limit) {
        const error = Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
          errno: -28,
          syscall: 'write',
        });
        process.nextTick(callback, error);
        return;
      }
      written += length;
      fs.write(fd, buffer, offset, length, position, callback);
    },
  };
  return (file, options) => fs.createWriteStream(file, { ...options, fs: failing });
}

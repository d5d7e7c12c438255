import { randomBytes } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { link, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';

/*
 * The one way this app publishes a file under a name someone chose: write a uniquely named temp file beside the
 * target, created with its final mode (`open(tmp, 'wx', mode)`, so a secret is never readable by others, not even
 * for the moment between create and chmod), flush it, move it into place, and flush the folder so the new name
 * survives a power cut. An existing target is refused unless the caller asks to replace it.
 */

export type AtomicWriteOptions = {
  /** Permission bits the file is created with; the umask cannot widen them, and `fchmod` narrows any it masked. */
  mode?: number;
  /** Replace an existing target; refused (EEXIST) by default. */
  overwrite?: boolean;
};

export type AtomicStreamOptions = AtomicWriteOptions & {
  /** Refuse to publish (EIO) unless exactly this many bytes arrived: a source cut short is not a file. */
  expectedSize?: number;
  /** Modification time the published file carries (an upload keeps the time the user's file had). */
  mtime?: Date;
};

/** An existing target was not replaced: `code` is EEXIST so callers can map it like any file-system refusal. */
export class TargetExistsError extends Error {
  readonly code = 'EEXIST';
  constructor(readonly target: string) {
    super(`${target} already exists; it was left untouched.`);
    this.name = 'TargetExistsError';
  }
}

/** Public-readable files (reports, enrollment files, bundles) by default; pass 0o600 for secrets. */
const DEFAULT_MODE = 0o644;

export async function writeFileAtomic(target: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  await publish(target, options, async (handle) => {
    let written = 0;
    while (written < bytes.length) written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
  });
}

export async function copyFileAtomic(source: string, target: string, options: AtomicWriteOptions = {}): Promise<void> {
  const size = (await stat(source)).size;
  await writeStreamAtomic(target, createReadStream(source, { highWaterMark: 1024 * 1024 }), { ...options, expectedSize: size });
}

/**
 * Publishes whatever `source` yields (a stream, or an async generator that may throw to refuse): nothing carries the
 * target's name unless the source ended cleanly.
 */
export async function writeStreamAtomic(
  target: string,
  source: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
  options: AtomicStreamOptions = {},
): Promise<void> {
  const release = () => {
    // A refusal before the copy began (the target exists) must not leave the source's file open.
    if ('destroy' in source && typeof source.destroy === 'function') (source as { destroy(): void }).destroy();
  };
  await publish(target, options, async (handle) => {
    await pipeline(source, handleSink(handle));
    const written = (await handle.stat()).size;
    if (options.expectedSize !== undefined && written !== options.expectedSize) {
      throw Object.assign(new Error(`copied ${written} of ${options.expectedSize} bytes`), { code: 'EIO' });
    }
    if (options.mtime) await handle.utimes(options.mtime, options.mtime);
  }).catch((error: unknown) => {
    release();
    throw error;
  });
}

async function publish(target: string, options: AtomicWriteOptions, fill: (handle: FileHandle) => Promise<void>): Promise<void> {
  const mode = options.mode ?? DEFAULT_MODE;
  const overwrite = options.overwrite === true;
  const dir = path.dirname(target);
  if (!overwrite && (await exists(target))) throw new TargetExistsError(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  // 'wx' refuses a name someone planted (a symlink included); O_NOFOLLOW makes that explicit where it exists.
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode);
  let published = false;
  try {
    // The umask can only clear bits; a mode it left intact is still set again so 0o600 means exactly 0o600.
    await handle.chmod(mode);
    await fill(handle);
    await handle.sync();
    await handle.close();
    if (overwrite) {
      await rename(temp, target);
    } else {
      await linkOrRename(temp, target);
    }
    published = true;
    await fsyncDir(dir);
  } finally {
    if (!published) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    }
  }
}

/** A hard link refuses to replace an existing name atomically; FAT (USB sticks) has none, so there: check, rename. */
async function linkOrRename(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new TargetExistsError(target);
    if (await exists(target)) throw new TargetExistsError(target);
    await rename(temp, target);
    return;
  }
  await unlink(temp);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function handleSink(handle: FileHandle): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const writeAll = async () => {
        let written = 0;
        while (written < chunk.length) written += (await handle.write(chunk, written, chunk.length - written)).bytesWritten;
      };
      writeAll().then(() => done(), done);
    },
  });
}

/** Flushes a file written by someone else (the tus store) to the disk before it is published under a new name. */
export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename durable. Windows cannot open a folder for fsync; there NTFS journals the rename itself. */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    await fsyncFile(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (process.platform !== 'win32' && code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM') throw error;
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fsyncDir } from './fs-atomic';

/*
 * A content-addressed file store: every file is kept once, under the SHA-256 of its bytes, at
 * `<root>/sha256/<first two hex>/<hex>`. Files arrive through a temp file in `<root>/tmp/`, hashed while they
 * stream (never read whole into memory), flushed to disk, and only then renamed into place; any failure removes
 * the temp file, so the store holds whole files or nothing. Pure Node: no Electron, no database.
 */

export const CHUNK_BYTES = 1024 * 1024;
const PROGRESS_EVERY_BYTES = 8 * 1024 * 1024;
const PROGRESS_EVERY_MS = 100;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export type WriteStreamOptions = Exclude<Parameters<typeof createWriteStream>[1], string | undefined>;

export type ProgressCallback = (done: number, total: number) => void;

/** Opens the writable for a temp file. The default is `fs.createWriteStream`; tests pass one that fails. */
export type TempWriterFactory = (file: string, options: WriteStreamOptions) => Writable;

export type IngestOptions = {
  /** Bytes copied so far and the expected total; called at most every 8 MiB or 100 ms, and once at the end. */
  onProgress?: ProgressCallback;
  /** The expected size for progress; `ingestFile` takes it from the file. */
  total?: number;
  highWaterMark?: number;
  /** Refuse input longer than this many bytes (the temp file is removed). */
  maxBytes?: number;
  createTempWriter?: TempWriterFactory;
};

export type IngestResult = {
  sha256: string;
  size: number;
  /** The final path in the store. */
  path: string;
  /** False when the store already held these bytes (the copy was discarded). */
  created: boolean;
};

export class BlobTooLargeError extends Error {
  readonly code = 'EFBIG';
  constructor(readonly maxBytes: number) {
    super(`The input is longer than ${maxBytes} bytes.`);
    this.name = 'BlobTooLargeError';
  }
}

export class NotAFileError extends Error {
  readonly code = 'ENOTFILE';
  constructor(readonly file: string) {
    super(`not a regular file: ${file}`);
    this.name = 'NotAFileError';
  }
}

export function blobPath(root: string, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${JSON.stringify(sha256)}`);
  return path.join(root, 'sha256', sha256.slice(0, 2), sha256);
}

export const tempDir = (root: string) => path.join(root, 'tmp');

/** A fresh, unguessable name in the store's temp folder (opened with 'wx', so never an existing file). */
export function tempPath(root: string, suffix = ''): string {
  return path.join(tempDir(root), `${Date.now().toString(36)}-${randomBytes(12).toString('hex')}${suffix}`);
}

/** Copies a file into the store. Errors from opening or reading the source come out unchanged (ENOENT, EACCES…). */
export async function ingestFile(root: string, sourcePath: string, options: IngestOptions = {}): Promise<IngestResult> {
  const highWaterMark = options.highWaterMark ?? CHUNK_BYTES;
  // Stat before open: opening a FIFO for reading would wait forever for a writer.
  if (!(await stat(sourcePath)).isFile()) throw new NotAFileError(sourcePath);
  const handle = await open(sourcePath, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new NotAFileError(sourcePath);
    const source = createReadStream('', { fd: handle, highWaterMark });
    return await ingestStream(root, source, { ...options, highWaterMark, total: options.total ?? info.size });
  } finally {
    // The read stream closes the handle itself once it has ended; closing twice is harmless.
    await handle.close().catch(() => undefined);
  }
}

/** Copies a readable into the store: the one code path behind files and uploads. */
export async function ingestStream(root: string, source: Readable, options: IngestOptions = {}): Promise<IngestResult> {
  const highWaterMark = options.highWaterMark ?? CHUNK_BYTES;
  const total = options.total ?? 0;
  await mkdir(tempDir(root), { recursive: true });
  const temp = tempPath(root);
  const hash = createHash('sha256');
  const progress = throttle(options.onProgress);
  let size = 0;
  const hasher = new Transform({
    highWaterMark,
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (options.maxBytes !== undefined && size > options.maxBytes) {
        done(new BlobTooLargeError(options.maxBytes));
        return;
      }
      hash.update(chunk);
      progress(size, Math.max(total, size));
      done(null, chunk);
    },
  });
  const factory = options.createTempWriter ?? ((file, opts) => createWriteStream(file, opts));
  try {
    // 'wx': fail rather than write into a file someone else made; `flush`: fsync before close, so the rename
    // below never publishes a file whose bytes are still only in the page cache.
    // Stored files are read-only on POSIX (on Windows the read-only attribute would block our own cleanup).
    const mode = process.platform === 'win32' ? 0o666 : 0o444;
    const sink = factory(temp, { flags: 'wx', flush: true, highWaterMark, mode });
    await pipeline(source, hasher, sink);
    const sha256 = hash.digest('hex');
    const final = blobPath(root, sha256);
    const created = await publish(temp, final, sha256, size);
    options.onProgress?.(size, size);
    return { sha256, size, path: final, created };
  } catch (error) {
    source.destroy();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Moves a verified temp file to its content address. If the address already holds the same bytes the temp file
 * is dropped (dedupe); if it holds something else (a damaged copy), the good bytes replace it.
 */
async function publish(temp: string, final: string, sha256: string, size: number): Promise<boolean> {
  const existing = await stat(final).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing && existing.size === size && (await hashFile(final).catch(() => null)) === sha256) {
    await unlink(temp);
    return false;
  }
  await mkdir(path.dirname(final), { recursive: true });
  await rename(temp, final);
  await fsyncDir(path.dirname(final));
  return existing === null;
}

/** Makes a rename durable (kept here for the modules that already import it from the blob store). */
export { fsyncDir };

/** SHA-256 of a file, streamed in 1 MiB chunks. */
export async function hashFile(file: string, onProgress?: (done: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let done = 0;
  const tick = throttle(onProgress ? (bytes) => onProgress(bytes) : undefined);
  await pipeline(createReadStream(file, { highWaterMark: CHUNK_BYTES }), async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      hash.update(chunk);
      done += chunk.length;
      tick(done, done);
    }
  });
  onProgress?.(done);
  return hash.digest('hex');
}

/**
 * Removes temp files that nobody is writing any more (left by a crash or power loss mid-copy). A copy in
 * progress keeps touching its file, so anything untouched for `olderThanMs` is dead.
 */
export function sweepTemp(root: string, olderThanMs = DAY_MS): Promise<number> {
  return sweepStaleFiles(tempDir(root), olderThanMs);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes the regular files directly in `dir` untouched for `olderThanMs`; answers how many. */
export async function sweepStaleFiles(dir: string, olderThanMs = DAY_MS): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  const cutoff = Date.now() - olderThanMs;
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const info = await stat(file);
      // ctime too: a staged upload carries the browser's lastModified as its mtime, but ctime is when we wrote it.
      if (info.isFile() && Math.max(info.mtimeMs, info.ctimeMs) < cutoff) {
        await unlink(file);
        removed += 1;
      }
    } catch {
      // Gone already, or not ours to judge.
    }
  }
  return removed;
}

/** Reads the first bytes of a file, for magic-number sniffing. */
export async function readHead(file: string, bytes = 64): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function throttle(callback: ProgressCallback | undefined): ProgressCallback {
  if (!callback) return () => undefined;
  let lastBytes = -1;
  let lastAt = 0;
  return (done, total) => {
    const now = Date.now();
    if (lastBytes < 0 || done - lastBytes >= PROGRESS_EVERY_BYTES || now - lastAt >= PROGRESS_EVERY_MS) {
      lastBytes = done;
      lastAt = now;
      callback(done, total);
    }
  };
}

import { close, closeSync, constants, fchmod, fdatasync, fsync, openSync, read, unlink, write } from 'node:fs';
import { promisify } from 'node:util';

/*
 * A large file written once and flushed (a sealed bundle, a blob staged by an import), written around the page
 * cache with O_DIRECT where the file system allows it.
 *
 * Why a hand-written path: on this 2-core machine (a Firecracker VM, ext4) every new page-cache page costs system
 * time when first touched. Measured with dd, 1 GiB in 1 MiB writes: 0.3–4.1 s of system time through the page
 * cache (the high figure whenever the guest's free pages were handed back to the host, which is most of the
 * time), 0.13–0.17 s with O_DIRECT; a 1 GiB seal spent 4.0 s of its 5.5 s of system time inside pwrite. The
 * reference `age -o` pays the same price. These files are flushed at once and not read again by this process, so
 * the page cache gains nothing for them.
 *
 * O_DIRECT wants the memory, the file offset and the length aligned to the device's block. Node has no aligned
 * allocation, but a WebAssembly memory is page-aligned (V8 maps it from the page allocator), so the staging
 * buffers are WebAssembly memories, full ones are written at 1 MiB offsets, and the tail (under 1 MiB) goes
 * through an ordinary descriptor of the same file. Where O_DIRECT is missing or refused (macOS, Windows, tmpfs,
 * an odd device), every write goes through the ordinary descriptor: the same bytes, only slower.
 */

const BUFFER_BYTES = 1024 * 1024;
/** Reads are widened to this alignment (4 KiB: the usual file-system block, a multiple of any device's sector). */
const BLOCK = 4096;
const READ_BUFFER_BYTES = 2 * 1024 * 1024;
const WASM_PAGE = 64 * 1024;
/** Writes in the thread pool at once: enough to keep the device busy while the caller fills the next buffer. */
const MAX_INFLIGHT = 2;
/** Through the page cache, an fdatasync every so often starts the writeback early; the final fsync then waits only for the tail. */
const BUFFERED_FLUSH_EVERY = 64 * 1024 * 1024;
/**
 * Aligned buffers kept for the next file in this thread (each costs 1 MiB of memory while kept). At least as many
 * as are ever in use at once: measured, an import of 64 blobs had up to 7 (the current buffer and the writes in
 * flight of a staged file, while the last writes of the one before still ran). With 4, every buffer over the limit
 * was dropped and another allocated soon after (20 allocations instead of 7 for 1 GiB), and each dropped one is
 * freed only at a major collection: `aeo import` peaked at 145-146 MiB of RSS, 137 with 8.
 */
const POOL_LIMIT = 8;

const pool: Buffer[] = [];
let alignedAvailable = true;

/** A page-aligned buffer of `bytes`, or an ordinary one (with `aligned` false) where WebAssembly memory cannot be had. */
function alignedBuffer(bytes: number): { buffer: Buffer; aligned: boolean } {
  if (alignedAvailable) {
    try {
      return { buffer: Buffer.from(new WebAssembly.Memory({ initial: bytes / WASM_PAGE }).buffer), aligned: true };
    } catch {
      alignedAvailable = false;
    }
  }
  return { buffer: Buffer.allocUnsafeSlow(bytes), aligned: false };
}

/** A write buffer from the pool, or a new one. */
function takeBuffer(): { buffer: Buffer; aligned: boolean } {
  const pooled = pool.pop();
  return pooled ? { buffer: pooled, aligned: true } : alignedBuffer(BUFFER_BYTES);
}

/** A second descriptor of `path` with O_DIRECT, or null where the platform or the file system has none. */
function openDirect(path: string, flags: number, wanted: boolean | undefined): number | null {
  // constants.O_DIRECT is undefined where the platform has none.
  if (wanted === false || typeof constants.O_DIRECT !== 'number') return null;
  try {
    return openSync(path, flags | constants.O_DIRECT);
  } catch {
    return null;
  }
}

function giveBack(buffer: Buffer, aligned: boolean) {
  if (aligned && pool.length < POOL_LIMIT) pool.push(buffer);
}

const writeAsync = (fd: number, buffer: Buffer, offset: number, length: number, position: number) =>
  new Promise<number>((resolve, reject) => write(fd, buffer, offset, length, position, (error, written) => (error ? reject(error) : resolve(written))));
const fsyncAsync = promisify(fsync);
const fdatasyncAsync = promisify(fdatasync);
const fchmodAsync = promisify(fchmod);
const closeAsync = promisify(close);

export class DirectFile {
  /** Taken at the first byte and handed back once the tail is written: a staged file waiting for its fsync holds none. */
  private current: { buffer: Buffer; aligned: boolean } | null = null;
  private used = 0;
  /** File offset of the current buffer's first byte. */
  private position = 0;
  private readonly inflight = new Set<Promise<void>>();
  private failure: unknown = null;
  private unflushed = 0;
  private flushing: Promise<void> | null = null;
  private closed = false;
  /** The O_DIRECT descriptor after a refusal, kept open until the writes still using it are done. */
  private lateDirect: number | null = null;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    /** Null once O_DIRECT is missing or refused: every write then goes through `fd`. */
    private direct: number | null,
    private readonly mode: number,
  ) {}

  /**
   * Creates `path` (never overwriting: EEXIST if it is there). It is created owner-writable, so the second,
   * O_DIRECT descriptor can be opened, and gets `mode` when finished.
   */
  static create(path: string, mode: number, options: { direct?: boolean } = {}): DirectFile {
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    return new DirectFile(path, fd, openDirect(path, constants.O_WRONLY, options.direct), mode);
  }

  /** Bytes taken so far. */
  get size(): number {
    return this.position + this.used;
  }

  /** Whether the full buffers still go around the page cache (false after a refusal, or where O_DIRECT is missing). */
  get bypassesCache(): boolean {
    return this.direct !== null;
  }

  /** Copies `data` in (synchronously); full buffers start writing in the background. Call `room()` between large puts. */
  put(data: Uint8Array): void {
    if (this.closed) throw new Error('put after finish');
    let offset = 0;
    while (offset < data.length) {
      this.current ??= takeBuffer();
      const n = Math.min(BUFFER_BYTES - this.used, data.length - offset);
      this.current.buffer.set(data.subarray(offset, offset + n), this.used);
      this.used += n;
      offset += n;
      if (this.used === BUFFER_BYTES) this.writeCurrent(BUFFER_BYTES);
    }
  }

  /** Resolves once few enough writes are in flight (backpressure); rejects with the first write error. */
  async room(): Promise<void> {
    while (this.inflight.size > MAX_INFLIGHT) await Promise.race(this.inflight);
    if (this.failure) throw this.failure;
  }

  /** `put` and `room` in one. */
  async write(data: Uint8Array): Promise<void> {
    this.put(data);
    await this.room();
  }

  /** Writes the rest, sets the mode, flushes data and metadata, closes; resolves to the file's size. */
  async finish(): Promise<number> {
    const size = this.size;
    if (this.used > 0) this.writeCurrent(this.used);
    await this.settle();
    if (this.failure) {
      await this.closeAll();
      throw this.failure;
    }
    try {
      await fchmodAsync(this.fd, this.mode);
      // fsync is per file, not per descriptor: it covers what the O_DIRECT descriptor wrote (its extents and size) too.
      await fsyncAsync(this.fd);
    } finally {
      await this.closeAll();
    }
    return size;
  }

  /** Stops, closes and removes the file. Never throws. */
  async abort(): Promise<void> {
    this.failure ??= new Error('aborted');
    await this.settle();
    await this.closeAll().catch(() => undefined);
    await new Promise<void>((resolve) => unlink(this.path, () => resolve()));
  }

  private writeCurrent(length: number) {
    if (!this.current) return;
    const { buffer, aligned } = this.current;
    const at = this.position;
    this.current = null;
    this.position += length;
    this.used = 0;
    // Only whole, aligned buffers go around the cache; the tail (any length) goes through the ordinary descriptor.
    const viaDirect = aligned && length === BUFFER_BYTES;
    const done = this.writeAll(buffer, length, at, viaDirect)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => {
        this.inflight.delete(done);
        giveBack(buffer, aligned);
      });
    this.inflight.add(done);
    if (this.direct === null || !viaDirect) this.startWriteback(length);
  }

  private async writeAll(buffer: Buffer, length: number, at: number, viaDirect: boolean): Promise<void> {
    let written = 0;
    while (written < length) {
      const direct = viaDirect && written === 0 ? this.direct : null;
      try {
        written += await writeAsync(direct ?? this.fd, buffer, written, length - written, at + written);
      } catch (error) {
        // O_DIRECT refused (an alignment this device does not accept): from now on, through the page cache.
        if (direct === null || (error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
        this.dropDirect();
      }
    }
  }

  private dropDirect() {
    // Writes still in flight on it finish first: closing waits for them (closeAll runs after settle).
    if (this.direct !== null) this.lateDirect = this.direct;
    this.direct = null;
  }

  private startWriteback(bytes: number) {
    this.unflushed += bytes;
    if (this.unflushed < BUFFERED_FLUSH_EVERY || this.flushing) return;
    this.unflushed = 0;
    this.flushing = fdatasyncAsync(this.fd)
      .catch(() => undefined) // only an early start; the final fsync reports errors
      .finally(() => {
        this.flushing = null;
      });
  }

  private async settle() {
    while (this.inflight.size > 0) await Promise.race(this.inflight);
    await this.flushing;
  }

  private async closeAll() {
    if (this.closed) return;
    this.closed = true;
    if (this.current) giveBack(this.current.buffer, this.current.aligned);
    this.current = null;
    for (const fd of [this.direct, this.lateDirect]) if (fd !== null) closeSync(fd);
    this.direct = null;
    this.lateDirect = null;
    await closeAsync(this.fd);
  }
}

/**
 * Reads a large file once, front to back, around the page cache where possible (the reading half of the same
 * measurement: 1 GiB not in the page cache read in 1 MiB pieces cost 2.1 s of system time buffered, 0.12 s with
 * O_DIRECT). Aligned buffers take turns, so the next reads run in the thread pool while the caller works on
 * the last one (without the page cache there is no read-ahead but this one). Any byte range can be asked for: the read is widened to whole blocks and the view cut back.
 */
export class DirectReader {
  private readonly buffers: { buffer: Buffer; aligned: boolean }[] = [];
  private turn = 0;
  private readonly inflight = new Set<Promise<unknown>>();
  private closed = false;
  /** O_DIRECT descriptors given up after a refusal, closed with the reader. */
  private readonly late: number[] = [];

  private constructor(
    private readonly fd: number,
    private direct: number | null,
    private readonly turns: number,
  ) {}

  /** `buffers`: how many reads may be in flight or in use at once (each buffer is 2 MiB). */
  static open(path: string, options: { direct?: boolean; buffers?: number } = {}): DirectReader {
    const fd = openSync(path, constants.O_RDONLY);
    return new DirectReader(fd, openDirect(path, constants.O_RDONLY, options.direct), Math.max(2, options.buffers ?? 2));
  }

  /**
   * The bytes [start, end) of the file, or fewer where it ends. The view stays valid until `buffers` more reads
   * have been started (the buffers take turns); ranges of up to `maxBytes` (2 MiB − 8 KiB).
   */
  read(start: number, end: number): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('read after close'));
    if (end - start > DirectReader.maxBytes) return Promise.reject(new RangeError(`a read of ${end - start} bytes is over ${DirectReader.maxBytes}`));
    const index = this.turn;
    this.turn = (this.turn + 1) % this.turns;
    const slot = (this.buffers[index] ??= alignedBuffer(READ_BUFFER_BYTES));
    const from = Math.floor(start / BLOCK) * BLOCK;
    const to = Math.ceil(end / BLOCK) * BLOCK;
    const done = this.readAll(slot, from, to)
      .then((filled) => slot.buffer.subarray(start - from, Math.max(start - from, Math.min(filled, end - from))))
      .finally(() => this.inflight.delete(done));
    this.inflight.add(done);
    return done;
  }

  /** Waits for reads in flight, then closes. Never throws. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inflight]);
    for (const fd of [this.fd, this.direct, ...this.late]) if (fd !== null) closeSync(fd);
  }

  static readonly maxBytes = READ_BUFFER_BYTES - 2 * BLOCK;

  /** Fills [from, to) until the end of the file; resolves to the bytes read. */
  private async readAll(slot: { buffer: Buffer; aligned: boolean }, from: number, to: number): Promise<number> {
    let filled = 0;
    while (filled < to - from) {
      // Only the first, aligned read of a range goes around the cache; a short read's rest (rare) goes through it.
      const direct = slot.aligned && filled === 0 ? this.direct : null;
      let n: number;
      try {
        n = await readAsync(direct ?? this.fd, slot.buffer, filled, to - from - filled, from + filled);
      } catch (error) {
        if (direct === null || (error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
        // O_DIRECT refused here: through the page cache from now on (the descriptor closes with the reader).
        this.direct = null;
        this.late.push(direct);
        continue;
      }
      if (n === 0) break;
      filled += n;
    }
    return filled;
  }
}

const readAsync = (fd: number, buffer: Buffer, offset: number, length: number, position: number) =>
  new Promise<number>((resolve, reject) => read(fd, buffer, offset, length, position, (error, n) => (error ? reject(error) : resolve(n))));

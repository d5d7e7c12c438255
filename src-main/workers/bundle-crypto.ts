import { closeSync, fdatasync, fsyncSync, openSync, writeSync, writev } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { AgeFileReader, BATCH_CHUNKS, CHUNK, CT_CHUNK, ChunkEncryptor } from '../core/bundle/age-stream';
import { BundleError } from '../core/bundle/errors';
import type { CryptoWorkerData, FromCryptoWorker, ToCryptoWorker } from '../core/bundle/io';

/*
 * The STREAM half of age, off the main thread: while the main thread reads, hashes and frames the ZIP, this thread
 * encrypts and writes (sealing) or reads and decrypts (verifying). Data moves through the shared ring of slots the
 * main thread allocated; a slot is handed back as soon as its bytes are used, so at most a few MiB are in flight.
 */

const port = parentPort;
if (!port) throw new Error('bundle-crypto must run as a worker thread');
const data = workerData as CryptoWorkerData;
const send = (message: FromCryptoWorker) => port.postMessage(message);
const slots = Array.from({ length: Math.floor(data.ring.byteLength / data.slotBytes) }, (_, i) =>
  Buffer.from(data.ring, i * data.slotBytes, data.slotBytes),
);

function errorCode(error: unknown): string | undefined {
  if (error instanceof BundleError) return error.code;
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : undefined;
}

if (data.mode === 'encrypt') {
  /*
   * Ciphertext goes out through positioned writes in the thread pool (up to two batches in flight),
   * so the system time of copying it into the page cache runs beside the encryption instead of after it. An
   * fdatasync every 64 MiB starts the writeback early; the final fsync then waits only for the tail.
   */
  const MAX_INFLIGHT = 2;
  const FLUSH_EVERY = 64 * 1024 * 1024;
  let fd: number | null = null;
  let position = 0;
  let failure: unknown = null;
  let unflushed = 0;
  let flushing: Promise<void> | null = null;
  const inflight = new Set<Promise<void>>();

  const writeAt = (target: number, parts: Buffer[], at: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      writev(target, parts, at, (error, written) => {
        if (error) return reject(error);
        const size = parts.reduce((sum, p) => sum + p.length, 0);
        if (written === size) return resolve();
        // A short write: carry on with what is left, further on.
        let skip = written;
        const rest: Buffer[] = [];
        for (const part of parts) {
          if (skip >= part.length) skip -= part.length;
          else {
            rest.push(part.subarray(skip));
            skip = 0;
          }
        }
        writeAt(target, rest, at + written).then(resolve, reject);
      });
    });
  /*
   * Sealed chunks are copied into 1 MiB batch buffers (a memcpy is cheaper than handing the kernel 32 small
   * buffers), each written in one call; a buffer returns to the pool when its write is done.
   */
  const BATCH = BATCH_CHUNKS * CT_CHUNK;
  const pool: Buffer[] = [];
  const take = () => pool.pop() ?? Buffer.allocUnsafeSlow(BATCH);
  let current = take();
  let used = 0;
  const flush = () => {
    if (used === 0 || fd === null) return;
    const target = fd;
    const buffer = current;
    const size = used;
    current = take();
    used = 0;
    const write = writeAt(target, [buffer.subarray(0, size)], position)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => pool.push(buffer));
    position += size;
    inflight.add(write);
    void write.finally(() => inflight.delete(write));
    unflushed += size;
    if (unflushed >= FLUSH_EVERY && !flushing) {
      unflushed = 0;
      flushing = new Promise<void>((resolve) => fdatasync(target, () => resolve())).then(() => {
        flushing = null;
      });
    }
  };
  const batcher = {
    add: (body: Buffer, tag: Buffer) => {
      if (used + body.length + tag.length > BATCH) flush();
      body.copy(current, used);
      tag.copy(current, used + body.length);
      used += body.length + tag.length;
    },
    flush,
  };
  const encryptor = new ChunkEncryptor(Buffer.from(data.key), batcher.add);
  const drain = async (limit: number) => {
    while (inflight.size > limit) await Promise.race(inflight);
    if (failure) throw failure;
  };
  const close = async () => {
    // Never close the descriptor under a write or an fdatasync still running.
    while (inflight.size > 0) await Promise.race(inflight);
    await flushing;
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  const fail = async (error: unknown) => {
    await close().catch(() => undefined);
    send({ type: 'error', message: (error as Error).message, code: errorCode(error) });
  };

  const handle = async (message: ToCryptoWorker) => {
    if (fd === null) {
      if (message.type === 'abort') send({ type: 'done', bytes: position });
      return;
    }
    if (message.type === 'data') {
      encryptor.push((slots[message.slot] as Buffer).subarray(0, message.length));
      send({ type: 'free', slot: message.slot });
      await drain(MAX_INFLIGHT);
    } else if (message.type === 'end') {
      encryptor.finish();
      batcher.flush();
      await drain(0);
      await flushing;
      if (message.sync) fsyncSync(fd);
      await close();
      send({ type: 'done', bytes: position });
    } else if (message.type === 'abort') {
      await close().catch(() => undefined);
      send({ type: 'done', bytes: position });
    }
  };

  try {
    fd = openSync(data.path, 'wx', 0o644);
    let written = 0;
    while (written < data.prefix.length) written += writeSync(fd, data.prefix, written, data.prefix.length - written);
    position = data.prefix.length;
  } catch (error) {
    void fail(error);
  }
  // One message at a time, in order: each waits for the previous one's writes to make room.
  let chain = Promise.resolve();
  port.on('message', (message: ToCryptoWorker) => {
    chain = chain.then(() => handle(message)).catch((error: unknown) => fail(error));
  });
} else {
  const fd = openSync(data.path, 'r');
  const reader = AgeFileReader.fromKey(fd, data.layout, Buffer.from(data.key));
  const free: number[] = slots.map((_, i) => i);
  let wake: (() => void) | null = null;
  let cancelled = false;
  let current = -1;
  const queue: Extract<ToCryptoWorker, { type: 'range' }>[] = [];
  let running = false;

  const takeSlot = async (): Promise<number | null> => {
    while (free.length === 0 && !cancelled) await new Promise<void>((resolve) => (wake = resolve));
    return cancelled ? null : (free.shift() as number);
  };

  const run = async () => {
    if (running) return;
    running = true;
    while (queue.length > 0) {
      const request = queue.shift() as Extract<ToCryptoWorker, { type: 'range' }>;
      cancelled = false;
      current = request.id;
      free.splice(0, free.length, ...slots.map((_, i) => i));
      try {
        let position = request.start;
        while (position < request.end) {
          const slot = await takeSlot();
          if (slot === null) break;
          const target = slots[slot] as Buffer;
          const first = Math.floor(position / CHUNK);
          const last = Math.floor((request.end - 1) / CHUNK);
          const count = Math.min(Math.floor(target.length / CHUNK), last - first + 1);
          const length = reader.decryptInto(target, first, count);
          const from = position - first * CHUNK;
          const to = Math.min(length, request.end - first * CHUNK);
          send({ type: 'data', id: request.id, slot, from, to });
          position = first * CHUNK + to;
        }
        if (!cancelled) send({ type: 'end', id: request.id });
      } catch (error) {
        send({
          type: 'error',
          id: request.id,
          message: error instanceof BundleError ? error.reason : (error as Error).message,
          code: errorCode(error),
        });
      }
    }
    running = false;
  };

  port.on('message', (message: ToCryptoWorker) => {
    if (message.type === 'range') {
      queue.push(message);
      void run();
    } else if (message.type === 'ack') {
      if (message.id !== current) return;
      free.push(message.slot);
      wake?.();
      wake = null;
    } else if (message.type === 'cancel') {
      const queued = queue.findIndex((r) => r.id === message.id);
      if (queued >= 0) queue.splice(queued, 1);
      if (message.id !== current) return;
      cancelled = true;
      wake?.();
      wake = null;
    } else if (message.type === 'close') {
      closeSync(fd);
      port.close();
    }
  });
}

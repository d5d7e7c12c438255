import { closeSync, fdatasync, fsyncSync, openSync, writeSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { AgeFileReader, CHUNK, ChunkEncryptor, OutputBatcher, writevAll } from '../core/bundle/age-stream';
import { BundleError } from '../core/bundle/errors';
import type { CryptoWorkerData, FromCryptoWorker, ToCryptoWorker } from '../core/bundle/io';

/*
 * The STREAM half of age, off the main thread: while the main thread reads, hashes and frames the ZIP, this thread
 * encrypts and writes (sealing) or reads and decrypts (verifying). Data moves through the shared ring of slots the
 * main thread allocated; a slot is handed back as soon as its bytes are used, so at most a few MiB are in flight.
 */

/*
 * Every chunk through node:crypto leaves a 64 KiB output buffer behind; V8 lets such external memory grow by about
 * 64 MiB before it collects. A young-generation collection every 32 MiB keeps this thread's share of the peak
 * RSS small, for a fraction of a millisecond each.
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (options?: { type: 'minor' | 'major'; execution?: 'sync' }) => void;
const COLLECT_EVERY = 32 * 1024 * 1024;
let sinceCollect = 0;
const collected = (bytes: number) => {
  sinceCollect += bytes;
  if (sinceCollect >= COLLECT_EVERY) {
    sinceCollect = 0;
    collect({ type: 'minor' });
  }
};

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
  let fd: number | null = null;
  let bytes = 0;
  const put = (buffer: Uint8Array) => {
    let written = 0;
    while (written < buffer.length) written += writeSync(fd as number, buffer, written, buffer.length - written);
    bytes += buffer.length;
  };
  // Writeback while we work: every 64 MiB an fdatasync runs in the thread pool (one at a time) so the final fsync,
  // which must finish before the bundle is recorded, waits only for the tail.
  const FLUSH_EVERY = 64 * 1024 * 1024;
  let unflushed = 0;
  let flushing: Promise<void> | null = null;
  const batcher = new OutputBatcher((parts, size) => {
    writevAll(fd as number, parts);
    bytes += size;
    unflushed += size;
    if (unflushed >= FLUSH_EVERY && !flushing && fd !== null) {
      unflushed = 0;
      const target = fd;
      flushing = new Promise<void>((resolve) => fdatasync(target, () => resolve())).then(() => {
        flushing = null;
      });
    }
  });
  const encryptor = new ChunkEncryptor(Buffer.from(data.key), batcher.add);
  const close = async () => {
    // Never close the descriptor under a background fdatasync.
    await flushing;
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  const fail = async (error: unknown) => {
    await close().catch(() => undefined);
    send({ type: 'error', message: (error as Error).message, code: errorCode(error) });
  };
  try {
    fd = openSync(data.path, 'wx', 0o644);
    put(data.prefix);
  } catch (error) {
    void fail(error);
  }
  port.on('message', (message: ToCryptoWorker) => {
    if (fd === null) {
      if (message.type === 'abort') send({ type: 'done', bytes });
      return;
    }
    try {
      if (message.type === 'data') {
        encryptor.push((slots[message.slot] as Buffer).subarray(0, message.length));
        send({ type: 'free', slot: message.slot });
        collected(message.length);
      } else if (message.type === 'end') {
        encryptor.finish();
        batcher.flush();
        const target = fd;
        void (async () => {
          await flushing;
          if (message.sync) fsyncSync(target);
          await close();
          send({ type: 'done', bytes });
        })().catch((error: unknown) => fail(error));
      } else if (message.type === 'abort') {
        void close().then(() => send({ type: 'done', bytes }));
      }
    } catch (error) {
      void fail(error);
    }
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
          collected(length);
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

import { createHash } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { AgeFileReader, CHUNK, ChunkEncryptor } from '../core/bundle/age-stream';
import { BundleError } from '../core/bundle/errors';
import type { CryptoWorkerData, FromCryptoWorker, ToCryptoWorker } from '../core/bundle/io';
import { DirectFile, DirectReader } from '../core/direct-file';
import { youngCollector } from '../core/young-gc';

/*
 * The STREAM half of age, off the main thread: while the main thread reads, hashes and frames the ZIP, this thread
 * encrypts and writes (sealing) or reads and decrypts (verifying). Data moves through the shared ring of slots the
 * main thread allocated; a slot is handed back as soon as its bytes are used, so at most a few MiB are in flight.
 */

const port = parentPort;
if (!port) throw new Error('bundle-crypto must run as a worker thread');
const data = workerData as CryptoWorkerData;
const send = (message: FromCryptoWorker) => port.postMessage(message);
/** node:crypto hands back a new buffer per 64 KiB chunk: collected every few MiB, not every 32 (why: core/young-gc.ts). */
const allocated = youngCollector();
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
   * Ciphertext goes to a DirectFile: copied into 1 MiB aligned buffers (a memcpy is cheaper than handing the kernel
   * 32 small buffers), each written in the thread pool, around the page cache where the file system allows it
   * (why: core/direct-file.ts), so the writes run beside the encryption. The file's own SHA-256 (what HQ and the
   * upload know the bundle by) is taken here as the bytes go out, instead of reading the 1 GiB back afterwards.
   */
  let file: DirectFile | null = null;
  const hash = createHash('sha256');
  const put = (part: Uint8Array) => {
    hash.update(part);
    (file as DirectFile).put(part);
  };
  const encryptor = new ChunkEncryptor(Buffer.from(data.key), (body, tag) => {
    put(body);
    put(tag);
    allocated(body.length);
  });
  const fail = async (error: unknown) => {
    const open = file;
    file = null;
    await open?.abort();
    send({ type: 'error', message: (error as Error).message, code: errorCode(error) });
  };

  const handle = async (message: ToCryptoWorker) => {
    if (file === null) {
      if (message.type === 'abort') send({ type: 'done', bytes: 0, sha256: '' });
      return;
    }
    if (message.type === 'data') {
      encryptor.push((slots[message.slot] as Buffer).subarray(0, message.length));
      send({ type: 'free', slot: message.slot });
      await file.room();
    } else if (message.type === 'end') {
      encryptor.finish();
      const bytes = await file.finish();
      file = null;
      send({ type: 'done', bytes, sha256: hash.digest('hex') });
    } else if (message.type === 'abort') {
      const open = file;
      file = null;
      await open.abort();
      send({ type: 'done', bytes: 0, sha256: '' });
    }
  };

  try {
    file = DirectFile.create(data.path, 0o644);
    put(data.prefix);
  } catch (error) {
    void fail(error);
  }
  // One message at a time, in order: each waits for the previous one's writes to make room.
  let chain = Promise.resolve();
  port.on('message', (message: ToCryptoWorker) => {
    chain = chain.then(() => handle(message)).catch((error: unknown) => fail(error));
  });
} else {
  /*
   * Ciphertext comes in through a DirectReader (around the page cache where possible: a bundle sealed here was
   * written around it too, and reading 1 GiB cold through it cost 2.3 s of system time; core/direct-file.ts), one
   * batch read ahead while the last is decrypted into a free slot.
   */
  /*
   * Reads in flight: measured on a 1 GiB bundle not in the page cache, one read ahead gave a 2.0 s data pass
   * where the disk alone reads it in 1.1 s (dd iflag=direct); a deeper queue keeps the device busy.
   */
  const READ_AHEAD = 3;
  const fd = openSync(data.path, 'r');
  const reader = AgeFileReader.fromKey(fd, data.layout, Buffer.from(data.key));
  const file = DirectReader.open(data.path, { buffers: READ_AHEAD + 1 });
  const free: number[] = slots.map((_, i) => i);
  let wake: (() => void) | null = null;
  let cancelled = false;
  let current = -1;
  const queue: Extract<ToCryptoWorker, { type: 'range' }>[] = [];
  let running: Promise<void> | null = null;

  const takeSlot = async (): Promise<number | null> => {
    while (free.length === 0 && !cancelled) await new Promise<void>((resolve) => (wake = resolve));
    return cancelled ? null : (free.shift() as number);
  };

  /** The batches of whole chunks that cover plaintext [start, end), each at most one slot. */
  const batchesOf = (start: number, end: number) => {
    const perSlot = Math.floor(data.slotBytes / CHUNK);
    const last = Math.floor((end - 1) / CHUNK);
    const batches: { first: number; count: number }[] = [];
    for (let first = Math.floor(start / CHUNK); first <= last; first += perSlot) batches.push({ first, count: Math.min(perSlot, last - first + 1) });
    return batches;
  };
  const readBatch = (batch: { first: number; count: number }) => {
    const { start, end } = reader.ciphertextRange(batch.first, batch.count);
    return file.read(start, end);
  };

  const serve = async (request: Extract<ToCryptoWorker, { type: 'range' }>) => {
    if (request.end > reader.size) throw new RangeError(`read ${request.start}..${request.end} outside 0..${reader.size}`);
    const batches = batchesOf(request.start, request.end);
    // The next reads run in the thread pool (into the reader's other buffers) while this batch is decrypted.
    const ahead = batches.slice(0, READ_AHEAD).map(readBatch);
    try {
      for (let i = 0; i < batches.length; i++) {
        const { first, count } = batches[i] as { first: number; count: number };
        const sealed = await (ahead.shift() as Promise<Buffer>);
        const following = batches[i + READ_AHEAD];
        if (following) ahead.push(readBatch(following));
        const slot = await takeSlot();
        if (slot === null) return;
        const length = reader.decryptRead(sealed, slots[slot] as Buffer, first, count);
        allocated(length);
        const from = Math.max(0, request.start - first * CHUNK);
        const to = Math.min(length, request.end - first * CHUNK);
        send({ type: 'data', id: request.id, slot, from, to });
      }
      send({ type: 'end', id: request.id });
    } finally {
      // A read still in flight writes into a buffer the next request would use: let it land first.
      await Promise.allSettled(ahead);
    }
  };

  const run = async () => {
    while (queue.length > 0) {
      const request = queue.shift() as Extract<ToCryptoWorker, { type: 'range' }>;
      cancelled = false;
      current = request.id;
      free.splice(0, free.length, ...slots.map((_, i) => i));
      try {
        await serve(request);
      } catch (error) {
        send({
          type: 'error',
          id: request.id,
          message: error instanceof BundleError ? error.reason : (error as Error).message,
          code: errorCode(error),
        });
      }
    }
    running = null;
  };

  port.on('message', (message: ToCryptoWorker) => {
    if (message.type === 'range') {
      queue.push(message);
      running ??= run();
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
      // Never close the descriptors under a read still in flight.
      void Promise.resolve(running)
        .then(() => file.close())
        .finally(() => {
          closeSync(fd);
          port.close();
        });
    }
  });
}

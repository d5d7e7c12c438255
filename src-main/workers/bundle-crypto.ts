import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { AgeFileReader, CHUNK, ChunkEncryptor, OutputBatcher } from '../core/bundle/age-stream';
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
  let fd: number | null = null;
  let bytes = 0;
  const put = (buffer: Uint8Array) => {
    let written = 0;
    while (written < buffer.length) written += writeSync(fd as number, buffer, written, buffer.length - written);
    bytes += buffer.length;
  };
  const batcher = new OutputBatcher(put);
  const encryptor = new ChunkEncryptor(Buffer.from(data.key), batcher.add);
  const fail = (error: unknown) => {
    if (fd !== null) closeSync(fd);
    fd = null;
    send({ type: 'error', message: (error as Error).message, code: errorCode(error) });
  };
  try {
    fd = openSync(data.path, 'wx', 0o644);
    put(data.prefix);
  } catch (error) {
    fail(error);
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
      } else if (message.type === 'end') {
        encryptor.finish();
        batcher.flush();
        if (message.sync) fsyncSync(fd);
        closeSync(fd);
        fd = null;
        send({ type: 'done', bytes });
      } else if (message.type === 'abort') {
        closeSync(fd);
        fd = null;
        send({ type: 'done', bytes });
      }
    } catch (error) {
      fail(error);
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

import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { createWorker } from '../worker-task';
import {
  AgeFileReader,
  BATCH_CHUNKS,
  CHUNK,
  ChunkEncryptor,
  OutputBatcher,
  createHeader,
  writevAll,
  newNonce,
  payloadKey,
  type AgeFileLayout,
} from './age-stream';
import { BundleError, type RejectionCode } from './errors';

/*
 * Where encrypted bytes meet the disk. Sealing writes through an EncryptedSink, verifying reads through a
 * RangeSource; each comes in two builds with the same behaviour: in this thread (small bundles, fuzzing) or with
 * the STREAM cipher and the file I/O in a worker thread (large bundles: hashing and ZIP framing here,
 * ChaCha20-Poly1305 there, on two cores at once). Data crosses between the threads through a small ring of
 * SharedArrayBuffer slots, reused: no per-chunk allocation, which on a 1 GiB bundle costs more than the crypto.
 */

export type CryptoWorkerData =
  | { mode: 'encrypt'; path: string; key: Uint8Array; prefix: Uint8Array; ring: SharedArrayBuffer; slotBytes: number }
  | { mode: 'decrypt'; path: string; key: Uint8Array; layout: AgeFileLayout; ring: SharedArrayBuffer; slotBytes: number };

export type ToCryptoWorker =
  | { type: 'data'; slot: number; length: number }
  | { type: 'end' }
  | { type: 'abort' }
  | { type: 'range'; id: number; start: number; end: number }
  | { type: 'ack'; id: number; slot: number }
  | { type: 'cancel'; id: number }
  | { type: 'close' };

export type FromCryptoWorker =
  | { type: 'free'; slot: number }
  | { type: 'done'; bytes: number; sha256: string }
  | { type: 'error'; id?: number; message: string; code?: string | undefined }
  | { type: 'data'; id: number; slot: number; from: number; to: number }
  | { type: 'end'; id: number };

/** Bundles at least this large use the worker thread when the caller says 'auto'. */
export const PARALLEL_THRESHOLD = 32 * 1024 * 1024;
export const SLOT_BYTES = CHUNK * BATCH_CHUNKS;
export const SLOTS = 4;

function startWorker(data: CryptoWorkerData): Worker {
  return createWorker('bundle-crypto', { workerData: data });
}

/* ---- writing ---- */

export interface EncryptedSink {
  /** Copies `data` in; resolves when the sink can take more (backpressure). `data` may be reused afterwards. */
  write(data: Uint8Array): Promise<void>;
  /** Writes the last chunk, fsyncs and closes; resolves to the file's size and SHA-256 (taken as it was written). */
  finish(): Promise<WrittenFile>;
  /** Stops and removes the partial file. Never throws. */
  abort(): Promise<void>;
}

export type WrittenFile = { bytes: number; sha256: string };

export class WriteFailed extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WriteFailed';
  }
}

/** Creates `path` (never overwriting) as an age file to `recipients`, ready for plaintext. */
export async function createEncryptedFile(
  path: string,
  recipients: readonly string[],
  options: { parallel: boolean },
): Promise<EncryptedSink> {
  const { header, fileKey } = await createHeader(recipients);
  const nonce = newNonce();
  const key = payloadKey(fileKey, nonce);
  const prefix = Buffer.concat([header, nonce]);
  return options.parallel ? workerSink(path, key, prefix) : threadSink(path, key, prefix);
}

/**
 * The in-thread sink writes synchronously: it serves bundles under PARALLEL_THRESHOLD, where a few milliseconds of
 * blocking cost less than handing buffers between promises (and the batch buffer can be reused safely).
 */
async function threadSink(path: string, key: Buffer, prefix: Buffer): Promise<EncryptedSink> {
  const fd = openSync(path, 'wx', 0o644);
  let bytes = 0;
  let closed = false;
  const hash = createHash('sha256');
  const put = (data: Uint8Array) => {
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    hash.update(data);
    bytes += data.length;
  };
  const batcher = new OutputBatcher((parts, size) => {
    writevAll(fd, parts);
    for (const part of parts) hash.update(part);
    bytes += size;
  });
  const encryptor = new ChunkEncryptor(key, batcher.add);
  const close = () => {
    if (!closed) closeSync(fd);
    closed = true;
  };
  try {
    put(prefix);
  } catch (error) {
    close();
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return {
    write(data) {
      encryptor.push(data);
      return Promise.resolve();
    },
    finish() {
      encryptor.finish();
      batcher.flush();
      fsyncSync(fd);
      close();
      return Promise.resolve({ bytes, sha256: hash.digest('hex') });
    },
    async abort() {
      try {
        close();
      } catch {
        // already gone
      }
      await unlink(path).catch(() => undefined);
    },
  };
}

function workerSink(path: string, key: Buffer, prefix: Buffer): Promise<EncryptedSink> {
  const ring = new SharedArrayBuffer(SLOT_BYTES * SLOTS);
  const slots = Array.from({ length: SLOTS }, (_, i) => Buffer.from(ring, i * SLOT_BYTES, SLOT_BYTES));
  const free: number[] = slots.map((_, i) => i);
  const worker = startWorker({ mode: 'encrypt', path, key: new Uint8Array(key), prefix: new Uint8Array(prefix), ring, slotBytes: SLOT_BYTES });
  let slot: number | null = null;
  let used = 0;
  let failure: Error | null = null;
  let waiting: { resolve: () => void; reject: (error: Error) => void } | null = null;
  let finishing: { resolve: (file: WrittenFile) => void; reject: (error: Error) => void } | null = null;
  let exited = false;

  const fail = (error: Error) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = null;
    finishing?.reject(failure);
    finishing = null;
  };
  worker.on('message', (message: FromCryptoWorker) => {
    if (message.type === 'free') {
      free.push(message.slot);
      waiting?.resolve();
      waiting = null;
    } else if (message.type === 'done') {
      finishing?.resolve({ bytes: message.bytes, sha256: message.sha256 });
      finishing = null;
    } else if (message.type === 'error') {
      fail(new WriteFailed(message.message, message.code));
    }
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', () => {
    exited = true;
    fail(new WriteFailed('the encryption worker stopped unexpectedly'));
  });

  const takeSlot = async (): Promise<number> => {
    while (free.length === 0) {
      await new Promise<void>((resolve, reject) => {
        if (failure) reject(failure);
        else waiting = { resolve, reject };
      });
    }
    return free.shift() as number;
  };
  const post = () => {
    if (slot === null || used === 0) return;
    worker.postMessage({ type: 'data', slot, length: used } satisfies ToCryptoWorker);
    slot = null;
    used = 0;
  };

  return Promise.resolve({
    async write(data) {
      if (failure) throw failure;
      let offset = 0;
      while (offset < data.length) {
        if (slot === null) slot = await takeSlot();
        const target = slots[slot] as Buffer;
        const n = Math.min(SLOT_BYTES - used, data.length - offset);
        target.set(data.subarray(offset, offset + n), used);
        used += n;
        offset += n;
        if (used === SLOT_BYTES) post();
      }
    },
    async finish() {
      if (failure) throw failure;
      post();
      const written = await new Promise<WrittenFile>((resolve, reject) => {
        if (failure) return reject(failure);
        finishing = { resolve, reject };
        worker.postMessage({ type: 'end' } satisfies ToCryptoWorker);
      });
      worker.removeAllListeners('exit');
      await worker.terminate();
      return written;
    },
    async abort() {
      failure ??= new WriteFailed('aborted');
      if (!exited) {
        worker.removeAllListeners('exit');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2000);
          worker.on('message', (message: FromCryptoWorker) => {
            if (message.type !== 'done' && message.type !== 'error') return;
            clearTimeout(timer);
            resolve();
          });
          worker.postMessage({ type: 'abort' } satisfies ToCryptoWorker);
        });
        await worker.terminate().catch(() => undefined);
      }
      await unlink(path).catch(() => undefined);
    },
  });
}

/* ---- reading ---- */

/** Plaintext with random access: small reads for the ZIP directory, streams for entry data. */
export interface RangeSource {
  readonly size: number;
  /** A copy of [start, end). */
  read(start: number, end: number): Promise<Buffer>;
  /** [start, end) in pieces; each piece is valid only until the next is requested (buffers are reused). */
  stream(start: number, end: number): AsyncIterable<Buffer>;
  close(): Promise<void>;
}

export function bufferSource(buffer: Buffer, piece = SLOT_BYTES): RangeSource {
  return {
    size: buffer.length,
    read: (start, end) => Promise.resolve(Buffer.from(buffer.subarray(start, end))),
    async *stream(start, end) {
      for (let at = start; at < end; at += piece) yield buffer.subarray(at, Math.min(end, at + piece));
    },
    close: () => Promise.resolve(),
  };
}

export type DecryptedSource = RangeSource & { readonly layout: AgeFileLayout };

/**
 * Opens an age file for random-access plaintext reads. Header problems, a wrong key and impossible sizes throw
 * BundleError here; an altered chunk throws `decrypt_failed` when it is read.
 */
export async function openDecryptedSource(
  path: string,
  identities: readonly string[],
  options: { parallel: boolean },
): Promise<DecryptedSource> {
  const reader = await AgeFileReader.open(path, identities);
  const base = {
    layout: reader.layout,
    size: reader.size,
    read: (start: number, end: number) => Promise.resolve(reader.read(start, end)),
  };
  if (!options.parallel) {
    return {
      ...base,
      async *stream(start: number, end: number) {
        for (const piece of reader.pieces(start, end)) yield piece;
      },
      close: () => Promise.resolve(reader.close()),
    };
  }
  const client = new WorkerStreams(path, reader);
  return {
    ...base,
    stream: (start: number, end: number) => client.stream(start, end),
    close: async () => {
      await client.close();
      reader.close();
    },
  };
}

type Pending = { slot: number; from: number; to: number };

class WorkerStreams {
  private readonly worker: Worker;
  private readonly slots: Buffer[];
  private nextId = 0;
  private active: {
    id: number;
    queue: Pending[];
    ended: boolean;
    error: Error | null;
    notify: (() => void) | null;
  } | null = null;
  private dead: Error | null = null;

  constructor(path: string, reader: AgeFileReader) {
    const ring = new SharedArrayBuffer(SLOT_BYTES * SLOTS);
    this.slots = Array.from({ length: SLOTS }, (_, i) => Buffer.from(ring, i * SLOT_BYTES, SLOT_BYTES));
    this.worker = startWorker({ mode: 'decrypt', path, key: new Uint8Array(reader.key32), layout: reader.layout, ring, slotBytes: SLOT_BYTES });
    this.worker.on('message', (message: FromCryptoWorker) => {
      const active = this.active;
      if (!active || !('id' in message) || message.id !== active.id) return;
      if (message.type === 'data') active.queue.push({ slot: message.slot, from: message.from, to: message.to });
      else if (message.type === 'end') active.ended = true;
      else if (message.type === 'error') active.error = toError(message.code, message.message);
      active.notify?.();
      active.notify = null;
    });
    const die = (error: Error) => {
      this.dead ??= error;
      if (this.active) {
        this.active.error ??= this.dead;
        this.active.notify?.();
      }
    };
    this.worker.on('error', die);
    this.worker.on('exit', () => die(new Error('the decryption worker stopped unexpectedly')));
  }

  async *stream(start: number, end: number): AsyncGenerator<Buffer> {
    if (this.dead) throw this.dead;
    if (start >= end) return;
    const id = ++this.nextId;
    const active = { id, queue: [] as Pending[], ended: false, error: null as Error | null, notify: null as (() => void) | null };
    this.active = active;
    this.worker.postMessage({ type: 'range', id, start, end } satisfies ToCryptoWorker);
    try {
      for (;;) {
        const next = active.queue.shift();
        if (next) {
          yield (this.slots[next.slot] as Buffer).subarray(next.from, next.to);
          // The consumer is done with the piece: its slot may be refilled.
          this.worker.postMessage({ type: 'ack', id, slot: next.slot } satisfies ToCryptoWorker);
          continue;
        }
        if (active.error) throw active.error;
        if (active.ended) return;
        await new Promise<void>((resolve) => (active.notify = resolve));
      }
    } finally {
      if (!active.ended && !this.dead) this.worker.postMessage({ type: 'cancel', id } satisfies ToCryptoWorker);
      if (this.active === active) this.active = null;
    }
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    if (!this.dead) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        this.worker.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        this.worker.postMessage({ type: 'close' } satisfies ToCryptoWorker);
      });
    }
    await this.worker.terminate().catch(() => undefined);
  }
}

function toError(code: string | undefined, message: string): Error {
  const known: readonly string[] = ['decrypt_failed', 'not_age', 'not_recipient'];
  if (code && known.includes(code)) return new BundleError(code as RejectionCode, message);
  return new Error(message);
}

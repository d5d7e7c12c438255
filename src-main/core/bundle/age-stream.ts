import { Decrypter, Encrypter, type Recipient } from 'age-encryption';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, writevSync } from 'node:fs';
import { BundleError } from './errors';

/*
 * age v1 (https://age-encryption.org/v1), split where speed and trust differ:
 * - the header (X25519 recipient stanzas, HMAC) is small; age-encryption builds it and unwraps the file key from
 *   it, so the recipient cryptography is the reference implementation's;
 * - the payload is STREAM: HKDF-SHA-256(file key, salt = 16-byte nonce, "payload") keys ChaCha20-Poly1305 over
 *   64 KiB chunks, nonce = 11-byte big-endian counter ‖ last-chunk flag. That part runs on node:crypto (OpenSSL),
 *   several times faster than pure JS, chunk by chunk, so nothing is ever held whole in memory.
 * Interop with the `age` CLI is tested both ways.
 */

export const CHUNK = 64 * 1024;
export const TAG = 16;
export const CT_CHUNK = CHUNK + TAG;
export const NONCE_BYTES = 16;
export const MAX_HEADER_BYTES = 64 * 1024;
/** Chunks per read or write: 1 MiB of plaintext. */
export const BATCH_CHUNKS = 16;
const INTRO = 'age-encryption.org/v1\n';

export type AgeHeader = { header: Buffer; fileKey: Buffer };

/**
 * Builds the header for `recipients` (age1…) with age-encryption. A first, capturing recipient receives the
 * random file key through the library's public Recipient interface and adds no stanza of its own.
 */
export async function createHeader(recipients: readonly string[]): Promise<AgeHeader> {
  if (recipients.length === 0) throw new Error('an age file needs at least one recipient');
  let fileKey: Buffer | null = null;
  const capture: Recipient = {
    wrapFileKey(key) {
      fileKey = Buffer.from(key);
      return [];
    },
  };
  const encrypter = new Encrypter();
  encrypter.addRecipient(capture);
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  // An empty file: header ‖ 16-byte nonce ‖ one empty last chunk (its 16-byte tag). We keep the header only.
  const whole = await encrypter.encrypt(new Uint8Array(0));
  const header = Buffer.from(whole.subarray(0, whole.length - NONCE_BYTES - TAG));
  if (!fileKey || header.at(-1) !== 0x0a) throw new Error('age-encryption produced an unexpected header');
  return { header, fileKey };
}

export function payloadKey(fileKey: Uint8Array, nonce: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));
}

export function chunkNonce(counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(counter), 3);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

export function sealChunk(key: Buffer, counter: number, last: boolean, plain: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, chunkNonce(counter, last), { authTagLength: TAG });
  const body = cipher.update(plain);
  cipher.final();
  return Buffer.concat([body, cipher.getAuthTag()]);
}

/** Null when the chunk does not authenticate under this counter and flag. */
export function openChunk(key: Buffer, counter: number, last: boolean, sealed: Uint8Array): Buffer | null {
  if (sealed.length < TAG) return null;
  try {
    const decipher = createDecipheriv('chacha20-poly1305', key, chunkNonce(counter, last), { authTagLength: TAG });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
    const plain = decipher.update(sealed.subarray(0, sealed.length - TAG));
    decipher.final();
    return plain;
  } catch {
    return null;
  }
}

export const ciphertextSize = (plaintext: number) =>
  plaintext === 0 ? TAG : plaintext + TAG * Math.ceil(plaintext / CHUNK);

/** Chunk layout of a payload of `size` ciphertext bytes; null when no valid STREAM has that size. */
export function payloadLayout(size: number): { chunks: number; plaintext: number } | null {
  if (size < TAG) return null;
  if (size === TAG) return { chunks: 1, plaintext: 0 };
  const chunks = Math.ceil(size / CT_CHUNK);
  const last = size - (chunks - 1) * CT_CHUNK;
  if (last <= TAG) return null; // only a lone chunk may be empty
  return { chunks, plaintext: size - chunks * TAG };
}

/**
 * Encrypts a stream of plaintext into STREAM chunks, handing each sealed chunk (body, tag) to `emit`, which must
 * copy them before returning. It holds back the latest full chunk until more data (or the end) shows whether it
 * is the last one; memory stays at one chunk.
 */
export class ChunkEncryptor {
  private readonly pending = Buffer.alloc(CHUNK);
  private used = 0;
  private counter = 0;
  private finished = false;

  constructor(
    private readonly key: Buffer,
    private readonly emit: (body: Buffer, tag: Buffer) => void,
  ) {}

  private seal(last: boolean, plain: Uint8Array) {
    const cipher = createCipheriv('chacha20-poly1305', this.key, chunkNonce(this.counter++, last), { authTagLength: TAG });
    const body = cipher.update(plain);
    cipher.final();
    this.emit(body, cipher.getAuthTag());
  }

  push(data: Uint8Array): void {
    if (this.finished) throw new Error('push after finish');
    let offset = 0;
    while (offset < data.length) {
      if (this.used === CHUNK) {
        this.seal(false, this.pending);
        this.used = 0;
      }
      // Whole chunks that more data follows are sealed straight from the input, without a copy.
      if (this.used === 0 && data.length - offset > CHUNK) {
        this.seal(false, data.subarray(offset, offset + CHUNK));
        offset += CHUNK;
        continue;
      }
      const n = Math.min(CHUNK - this.used, data.length - offset);
      this.pending.set(data.subarray(offset, offset + n), this.used);
      this.used += n;
      offset += n;
    }
  }

  finish(): void {
    this.finished = true;
    this.seal(true, this.pending.subarray(0, this.used));
  }
}

/**
 * Collects sealed chunks and writes them out in one gathered write per batch (`writev`): few system calls, no
 * copies. `write` must finish with the buffers before it returns (a synchronous write).
 */
export class OutputBatcher {
  private parts: Buffer[] = [];
  private bytes = 0;

  constructor(
    private readonly write: (parts: Buffer[], bytes: number) => void,
    private readonly batchBytes = BATCH_CHUNKS * CT_CHUNK,
  ) {}

  add = (body: Buffer, tag: Buffer): void => {
    this.parts.push(body, tag);
    this.bytes += body.length + tag.length;
    if (this.bytes >= this.batchBytes) this.flush();
  };

  flush(): void {
    if (this.bytes === 0) return;
    this.write(this.parts, this.bytes);
    this.parts = [];
    this.bytes = 0;
  }
}

/** Writes every byte of `parts` to `fd` (gathered writes, resumed after short writes). */
export function writevAll(fd: number, parts: Buffer[]): void {
  let pending = parts;
  while (pending.length > 0) {
    let written = writevSync(fd, pending);
    const rest: Buffer[] = [];
    for (const part of pending) {
      if (written >= part.length) {
        written -= part.length;
      } else {
        rest.push(part.subarray(written));
        written = 0;
      }
    }
    pending = rest;
  }
}

/* ---- reading ---- */

export type AgeFileLayout = {
  fileSize: number;
  headerLength: number;
  payloadOffset: number;
  chunks: number;
  plaintextSize: number;
};

/** Finds the end of the header (the `--- MAC` line) in the first bytes of a file, strictly. */
export function locateHeader(head: Buffer): { length: number } {
  if (head.length < INTRO.length || head.subarray(0, INTRO.length).toString('latin1') !== INTRO) {
    throw new BundleError('not_age', 'the file is not an age-encrypted bundle');
  }
  let lineStart = 0;
  for (;;) {
    const newline = head.indexOf(0x0a, lineStart);
    if (newline < 0) throw new BundleError('not_age', `the age header is incomplete or over ${MAX_HEADER_BYTES} bytes`);
    if (head[lineStart] === 0x2d && head[lineStart + 1] === 0x2d && head[lineStart + 2] === 0x2d && head[lineStart + 3] === 0x20) {
      const mac = head.subarray(lineStart + 4, newline).toString('latin1');
      // The MAC is 32 bytes in canonical unpadded base64: 43 characters whose unused bits are zero.
      if (!/^[A-Za-z0-9+/]{43}$/.test(mac) || Buffer.from(mac, 'base64').toString('base64') !== `${mac}=`) {
        throw new BundleError('not_age', 'the age header MAC line is malformed');
      }
      return { length: newline + 1 };
    }
    lineStart = newline + 1;
  }
}

/** Unwraps the file key with age-encryption (stanzas, X25519, header HMAC). */
export async function unwrapHeader(header: Uint8Array, identities: readonly string[]): Promise<Buffer> {
  const decrypter = new Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  try {
    return Buffer.from(await decrypter.decryptHeader(header));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/no identity matched/i.test(message)) {
      throw new BundleError('not_recipient', 'this bundle is not encrypted to any of your keys');
    }
    if (/HMAC/i.test(message)) throw new BundleError('decrypt_failed', 'the age header was altered (its MAC does not match)');
    throw new BundleError('not_age', `the age header is malformed (${message.slice(0, 120)})`);
  }
}

/**
 * Random access to the plaintext of an age file: any byte range decrypts from the chunks that cover it, each
 * authenticated on its own, with the last chunk (and so truncation) fixed by the file size. Synchronous reads on
 * a file descriptor, so the same code serves the worker thread.
 */
export class AgeFileReader {
  private cacheIndex = -1;
  private cacheLength = 0;
  private readonly cache = Buffer.alloc(CHUNK);
  private ct = Buffer.allocUnsafeSlow(CT_CHUNK * BATCH_CHUNKS);
  private readonly batch = Buffer.allocUnsafeSlow(CHUNK * BATCH_CHUNKS);

  private constructor(
    private readonly fd: number,
    readonly layout: AgeFileLayout,
    private readonly key: Buffer,
    private readonly ownsFd: boolean,
  ) {}

  /** Opens, checks the header and derives the payload key. Throws BundleError for anything that is not right. */
  static async open(path: string, identities: readonly string[]): Promise<AgeFileReader> {
    const fd = openSync(path, 'r');
    try {
      const { layout, fileKey, nonce } = await readHeader(fd, identities);
      return new AgeFileReader(fd, layout, payloadKey(fileKey, nonce), true);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** For the worker: the caller already knows the layout and key. */
  static fromKey(fd: number, layout: AgeFileLayout, key: Buffer): AgeFileReader {
    return new AgeFileReader(fd, layout, key, false);
  }

  get key32(): Buffer {
    return this.key;
  }

  get size(): number {
    return this.layout.plaintextSize;
  }

  /**
   * Decrypts `count` whole chunks starting at `first` into `target` (one read of the ciphertext); returns the
   * number of plaintext bytes written.
   */
  decryptInto(target: Buffer, first: number, count: number): number {
    const { start, end } = this.ciphertextRange(first, count);
    // Grown once to the largest batch asked for, then reused.
    if (end - start > this.ct.length) this.ct = Buffer.allocUnsafeSlow(end - start);
    const buffer = this.ct;
    let filled = 0;
    while (filled < end - start) {
      const n = readSync(this.fd, buffer, filled, end - start - filled, start + filled);
      if (n === 0) throw new BundleError('decrypt_failed', 'the bundle ended early (was it truncated while reading?)');
      filled += n;
    }
    return this.decryptRead(buffer.subarray(0, end - start), target, first, count);
  }

  /** Where the ciphertext of `count` chunks from `first` lies in the file: [start, end). */
  ciphertextRange(first: number, count: number): { start: number; end: number } {
    const { payloadOffset, fileSize } = this.layout;
    return { start: payloadOffset + first * CT_CHUNK, end: Math.min(fileSize, payloadOffset + (first + count) * CT_CHUNK) };
  }

  /**
   * Decrypts `count` chunks from `first`, whose ciphertext (exactly `ciphertextRange(first, count)`, read by the
   * caller) is `sealed`, into `target`; returns the number of plaintext bytes written.
   */
  decryptRead(sealed: Buffer, target: Buffer, first: number, count: number): number {
    const { chunks } = this.layout;
    const { start, end } = this.ciphertextRange(first, count);
    if (sealed.length < end - start) throw new BundleError('decrypt_failed', 'the bundle ended early (was it truncated while reading?)');
    let written = 0;
    for (let i = 0; i < count; i++) {
      const index = first + i;
      const chunk = sealed.subarray(i * CT_CHUNK, Math.min(end - start, (i + 1) * CT_CHUNK));
      const plain = openChunk(this.key, index, index === chunks - 1, chunk);
      if (!plain) {
        throw new BundleError('decrypt_failed', `the bundle was altered or damaged (chunk ${index + 1} of ${chunks} fails authentication)`);
      }
      plain.copy(target, written);
      written += plain.length;
    }
    return written;
  }

  /** The plaintext bytes [start, end), as a new buffer. */
  read(start: number, end: number): Buffer {
    if (start < 0 || end > this.size || start > end) throw new RangeError(`read ${start}..${end} outside 0..${this.size}`);
    const out = Buffer.alloc(end - start);
    let position = start;
    while (position < end) {
      const index = Math.floor(position / CHUNK);
      if (index !== this.cacheIndex) {
        const length = this.decryptInto(this.cache, index, 1);
        this.cacheLength = length;
        this.cacheIndex = index;
      }
      const from = position - index * CHUNK;
      const to = Math.min(this.cacheLength, end - index * CHUNK);
      this.cache.copy(out, position - start, from, to);
      position = index * CHUNK + to;
    }
    return out;
  }

  /**
   * The plaintext [start, end) in pieces of up to BATCH_CHUNKS chunks, decrypted into `target` (default: one
   * buffer of this reader, reused). Each piece is valid until the next one is requested.
   */
  *pieces(start: number, end: number, target: Buffer = this.batch): Generator<Buffer> {
    const perBatch = Math.floor(target.length / CHUNK);
    let position = start;
    while (position < end) {
      const first = Math.floor(position / CHUNK);
      const last = Math.floor((end - 1) / CHUNK);
      const count = Math.min(perBatch, last - first + 1);
      const length = this.decryptInto(target, first, count);
      const from = position - first * CHUNK;
      const to = Math.min(length, end - first * CHUNK);
      yield target.subarray(from, to);
      position = first * CHUNK + to;
    }
  }

  close(): void {
    if (this.ownsFd) closeSync(this.fd);
  }
}

/** Reads and unwraps the header, then checks the payload size is a possible STREAM. */
export async function readHeader(
  fd: number,
  identities: readonly string[],
): Promise<{ layout: AgeFileLayout; fileKey: Buffer; nonce: Buffer }> {
  const fileSize = fstatSync(fd).size;
  const head = Buffer.alloc(Math.min(fileSize, MAX_HEADER_BYTES + NONCE_BYTES));
  let filled = 0;
  while (filled < head.length) {
    const n = readSync(fd, head, filled, head.length - filled, filled);
    if (n === 0) break;
    filled += n;
  }
  const { length: headerLength } = locateHeader(head.subarray(0, Math.min(filled, MAX_HEADER_BYTES)));
  const fileKey = await unwrapHeader(head.subarray(0, headerLength), identities);
  if (filled < headerLength + NONCE_BYTES) throw new BundleError('decrypt_failed', 'the bundle ends right after its header');
  const nonce = Buffer.from(head.subarray(headerLength, headerLength + NONCE_BYTES));
  const payloadOffset = headerLength + NONCE_BYTES;
  const layout = payloadLayout(fileSize - payloadOffset);
  if (!layout) throw new BundleError('decrypt_failed', 'the bundle was truncated or extended (its size is not a whole STREAM)');
  return {
    layout: { fileSize, headerLength, payloadOffset, chunks: layout.chunks, plaintextSize: layout.plaintext },
    fileKey,
    nonce,
  };
}

export const newNonce = (): Buffer => randomBytes(NONCE_BYTES);

import { crc32 } from 'node:zlib';
import { BundleError } from './errors';
import type { RangeSource } from './io';
import { FLAG_DESCRIPTOR, LOCAL_FIXED, readSharedFields, SIG, structure, u64, type ZipEntry } from './zip-format';

/*
 * The second half of reading a bundle: streaming entry data once zip-directory.ts has accepted the central
 * directory. Each local header and data descriptor is compared with its directory record, byte counts are
 * enforced and CRC-32 checked as the bytes pass.
 */

/** Checks a local file header against the directory record it belongs to. */
export function checkLocalHeader(header: Buffer, entry: ZipEntry): void {
  if (header.length !== entry.headerLength || header.readUInt32LE(0) !== SIG.local) {
    throw structure(`entry ${entry.name} has no local header where the directory says`);
  }
  const { flags, method, crc, compressed, size, nameLength, extraLength } = readSharedFields(header, 4);
  if (method !== 0) throw new BundleError('zip_compressed', `entry ${entry.name} is compressed in its local header`);
  if (flags !== entry.flags) throw structure(`entry ${entry.name}: local and central flags differ`);
  if (extraLength !== 0 || nameLength !== entry.headerLength - LOCAL_FIXED) {
    throw structure(`entry ${entry.name}: the local header has an extra field or another name length`);
  }
  if (!header.subarray(LOCAL_FIXED).equals(Buffer.from(entry.name, 'utf8'))) {
    throw structure(`entry ${entry.name}: the local header names another file`);
  }
  if ((flags & FLAG_DESCRIPTOR) !== 0) {
    if (crc !== 0 || compressed !== 0 || size !== 0) throw structure(`entry ${entry.name}: local header sizes set despite a data descriptor`);
  } else if (crc !== entry.crc32 || compressed !== entry.size || size !== entry.size) {
    throw new BundleError('zip_size_mismatch', `entry ${entry.name}: the local header disagrees with the directory`);
  }
}

export function checkDescriptor(descriptor: Buffer, entry: ZipEntry): void {
  if (descriptor.length !== entry.descriptorLength) throw structure(`entry ${entry.name}: truncated data descriptor`);
  if (descriptor.length === 0) return;
  if (descriptor.readUInt32LE(0) !== SIG.dd) throw structure(`entry ${entry.name}: the data descriptor is missing`);
  const crc = descriptor.readUInt32LE(4);
  const compressed = entry.zip64 ? u64(descriptor, 8) : descriptor.readUInt32LE(8);
  const size = entry.zip64 ? u64(descriptor, 16) : descriptor.readUInt32LE(12);
  if (crc !== entry.crc32) throw structure(`entry ${entry.name}: the data descriptor's CRC-32 disagrees with the directory`);
  if (compressed !== entry.size || size !== entry.size) {
    throw new BundleError('zip_size_mismatch', `entry ${entry.name}: the data descriptor's size disagrees with the directory`);
  }
}

export type EntryHandlers = {
  onData(entry: ZipEntry, chunk: Buffer): void | Promise<void>;
  /** Called after the last data byte, before the CRC and descriptor checks (so a hash mismatch is named first). */
  onEnd?(entry: ZipEntry): void | Promise<void>;
};

/**
 * Streams the data of `entries` (sorted by offset), checking each local header, enforcing the declared size,
 * checking the CRC-32 and the data descriptor. Contiguous entries are read as one range.
 */
export async function streamEntries(source: RangeSource, entries: readonly ZipEntry[], handlers: EntryHandlers): Promise<void> {
  let i = 0;
  while (i < entries.length) {
    let j = i;
    while (j + 1 < entries.length && (entries[j + 1] as ZipEntry).offset === (entries[j] as ZipEntry).end) j += 1;
    const run = entries.slice(i, j + 1);
    await streamRun(source, run, handlers);
    i = j + 1;
  }
}

async function streamRun(source: RangeSource, run: readonly ZipEntry[], handlers: EntryHandlers): Promise<void> {
  const first = run[0] as ZipEntry;
  const last = run[run.length - 1] as ZipEntry;
  let index = 0;
  let entry = first;
  let phase = 'header' as 'header' | 'data' | 'descriptor';
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let dataDone = 0;
  let crc = 0;

  const finishEntry = async () => {
    const descriptor = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await handlers.onEnd?.(entry);
    if (crc >>> 0 !== entry.crc32) throw structure(`entry ${entry.name}: CRC-32 mismatch (the data was altered)`);
    checkDescriptor(descriptor, entry);
    index += 1;
    if (index < run.length) {
      entry = run[index] as ZipEntry;
      phase = 'header';
      dataDone = 0;
      crc = 0;
    }
  };
  const enterData = async () => {
    phase = 'data';
    if (entry.size === 0) {
      phase = 'descriptor';
      if (entry.descriptorLength === 0) await finishEntry();
    }
  };

  for await (const piece of source.stream(first.offset, last.end)) {
    let at = 0;
    while (at < piece.length && index < run.length) {
      if (phase === 'header') {
        const n = Math.min(entry.headerLength - pendingBytes, piece.length - at);
        // Copied: the piece's buffer is reused once we ask for the next one.
        pending.push(Buffer.from(piece.subarray(at, at + n)));
        pendingBytes += n;
        at += n;
        if (pendingBytes === entry.headerLength) {
          checkLocalHeader(Buffer.concat(pending, pendingBytes), entry);
          pending = [];
          pendingBytes = 0;
          await enterData();
        }
      } else if (phase === 'data') {
        const n = Math.min(entry.size - dataDone, piece.length - at);
        const chunk = piece.subarray(at, at + n);
        crc = crc32(chunk, crc);
        dataDone += n;
        at += n;
        await handlers.onData(entry, chunk);
        if (dataDone === entry.size) {
          phase = 'descriptor';
          if (entry.descriptorLength === 0) await finishEntry();
        }
      } else {
        const n = Math.min(entry.descriptorLength - pendingBytes, piece.length - at);
        pending.push(Buffer.from(piece.subarray(at, at + n)));
        pendingBytes += n;
        at += n;
        if (pendingBytes === entry.descriptorLength) await finishEntry();
      }
    }
  }
  if (index < run.length) throw structure(`entry ${entry.name} ends early`);
}

/** Reads a whole (small) entry into memory, with all the checks. */
export async function readEntry(source: RangeSource, entry: ZipEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  await streamEntries(source, [entry], { onData: (_e, chunk) => void parts.push(Buffer.from(chunk)) });
  return Buffer.concat(parts);
}

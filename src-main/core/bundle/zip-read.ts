import { crc32 } from 'node:zlib';
import { BundleError } from './errors';
import type { RangeSource } from './io';

/*
 * A strict reader for exactly the ZIPs this app writes: stored (uncompressed) regular files with allowed names,
 * laid out back to back from byte 0 to the central directory, then the end record and nothing after it. The
 * central directory is read and checked first (entry count capped before it is even read), then entry data is
 * streamed, each local header and data descriptor compared with the directory, byte counts enforced and CRC-32
 * checked. Everything it refuses, it refuses with a BundleError.
 */

export const ENVELOPE_NAME = 'envelope.dsse.json';
export const BLOB_NAME = /^blobs\/sha256\/([0-9a-f]{64})$/;

export type ZipLimits = {
  /** Entries, the envelope included. */
  maxEntries: number;
  maxEntryBytes: number;
  maxEnvelopeBytes: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_001,
  maxEntryBytes: 8 * 1024 ** 3,
  maxEnvelopeBytes: 16 * 1024 * 1024,
};

export type ZipEntry = {
  name: string;
  /** The blob's hex digest for `blobs/sha256/<hex>`, null for the envelope. */
  sha256: string | null;
  offset: number;
  headerLength: number;
  dataStart: number;
  size: number;
  crc32: number;
  flags: number;
  zip64: boolean;
  descriptorLength: number;
  end: number;
};

export type ZipDirectory = { entries: ZipEntry[]; envelope: ZipEntry; cdOffset: number; size: number };

const SIG = { local: 0x04034b50, central: 0x02014b50, eocd: 0x06054b50, z64eocd: 0x06064b50, z64loc: 0x07064b50, dd: 0x08074b50 };
const LOCAL_FIXED = 30;
const CENTRAL_FIXED = 46;
const EOCD_SIZE = 22;
const Z64_EOCD_SIZE = 56;
const Z64_LOC_SIZE = 20;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const MAX_NAME_BYTES = 100;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

const structure = (reason: string) => new BundleError('zip_structure', reason);
const u64 = (b: Buffer, at: number) => {
  const value = b.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw structure('a ZIP64 field is out of range');
  return Number(value);
};

/** Names: only the two allowed forms, and each kind of dangerous path gets its own reason. */
export function checkEntryName(name: string): void {
  const bad = (why: string) => new BundleError('zip_bad_name', `entry ${JSON.stringify(name.slice(0, 120))} ${why}`);
  if (name.includes('\\')) throw bad('contains a backslash');
  if (/^[A-Za-z]:/.test(name)) throw bad('is a drive path');
  if (name.startsWith('/')) throw bad('is an absolute path');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw bad('contains a control character');
  const segments = name.split('/');
  if (segments.includes('..')) throw bad("contains a '..' segment");
  if (segments.some((s) => s === '' || s === '.')) throw bad('has an empty or "." segment (a directory?)');
  if (name !== ENVELOPE_NAME && !BLOB_NAME.test(name)) {
    throw bad('is not allowed here (only envelope.dsse.json and blobs/sha256/<hex>)');
  }
}

/** Reads and checks the end record(s) and the central directory. Nothing of the entry data is read. */
export async function readZipDirectory(source: RangeSource, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipDirectory> {
  const size = source.size;
  if (size < EOCD_SIZE) throw structure('too short to be a ZIP archive');
  const eocd = await source.read(size - EOCD_SIZE, size);
  if (eocd.readUInt32LE(0) !== SIG.eocd) {
    throw structure('no end-of-central-directory record at the very end (trailing bytes or a comment?)');
  }
  const disk = eocd.readUInt16LE(4);
  const cdDisk = eocd.readUInt16LE(6);
  let entriesOnDisk = eocd.readUInt16LE(8);
  let entries = eocd.readUInt16LE(10);
  let cdSize = eocd.readUInt32LE(12);
  let cdOffset = eocd.readUInt32LE(16);
  if (eocd.readUInt16LE(20) !== 0) throw structure('the archive has a comment');
  if (disk !== 0 || cdDisk !== 0) throw structure('multi-disk archives are not allowed');
  let directoryEnd = size - EOCD_SIZE;

  if (entries === 0xffff || entriesOnDisk === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    if (size < EOCD_SIZE + Z64_LOC_SIZE + Z64_EOCD_SIZE) throw structure('a ZIP64 end record is missing');
    const locator = await source.read(size - EOCD_SIZE - Z64_LOC_SIZE, size - EOCD_SIZE);
    if (locator.readUInt32LE(0) !== SIG.z64loc) throw structure('the ZIP64 end-record locator is missing');
    const recordAt = u64(locator, 8);
    if (locator.readUInt32LE(4) !== 0 || locator.readUInt32LE(16) !== 1) throw structure('multi-disk archives are not allowed');
    if (recordAt !== size - EOCD_SIZE - Z64_LOC_SIZE - Z64_EOCD_SIZE) throw structure('the ZIP64 end record is not where it belongs');
    const record = await source.read(recordAt, recordAt + Z64_EOCD_SIZE);
    if (record.readUInt32LE(0) !== SIG.z64eocd || u64(record, 4) !== Z64_EOCD_SIZE - 12) {
      throw structure('the ZIP64 end record is malformed');
    }
    if (record.readUInt32LE(16) !== 0 || record.readUInt32LE(20) !== 0) throw structure('multi-disk archives are not allowed');
    const z64OnDisk = u64(record, 24);
    const z64Entries = u64(record, 32);
    const z64Size = u64(record, 40);
    const z64Offset = u64(record, 48);
    const agrees = (narrow: number, wide: number, saturated: number) => narrow === saturated || narrow === wide;
    if (!agrees(entries, z64Entries, 0xffff) || !agrees(entriesOnDisk, z64OnDisk, 0xffff) || !agrees(cdSize, z64Size, 0xffffffff) || !agrees(cdOffset, z64Offset, 0xffffffff)) {
      throw structure('the ZIP64 end record disagrees with the end record');
    }
    entries = z64Entries;
    entriesOnDisk = z64OnDisk;
    cdSize = z64Size;
    cdOffset = z64Offset;
    directoryEnd = recordAt;
  }

  if (entriesOnDisk !== entries) throw structure('the end record counts entries twice, differently');
  if (entries > limits.maxEntries) {
    throw new BundleError('zip_too_many_entries', `the archive declares ${entries} entries; at most ${limits.maxEntries} are allowed`);
  }
  if (entries === 0) throw new BundleError('zip_missing_envelope', 'the archive is empty');
  if (cdOffset + cdSize !== directoryEnd) {
    throw structure('the central directory does not end where the end record begins (hidden bytes?)');
  }
  if (cdSize < entries * CENTRAL_FIXED || cdSize > entries * (CENTRAL_FIXED + MAX_NAME_BYTES + 64)) {
    throw structure('the central directory size does not fit its entry count');
  }

  const cd = await source.read(cdOffset, cdOffset + cdSize);
  const parsed = parseCentralDirectory(cd, entries, limits);
  const envelopes = parsed.filter((e) => e.name === ENVELOPE_NAME);
  if (envelopes.length === 0) throw new BundleError('zip_missing_envelope', `the archive has no ${ENVELOPE_NAME}`);

  // Back to back from byte 0 to the central directory: no gaps, no overlaps, nothing hidden.
  const byOffset = [...parsed].sort((a, b) => a.offset - b.offset);
  let expected = 0;
  let previous: ZipEntry | null = null;
  for (const entry of byOffset) {
    if (entry.offset !== expected) {
      if (!previous) throw structure(`the first entry does not start at byte 0 (hidden bytes before it?)`);
      throw new BundleError(
        'zip_size_mismatch',
        `entry ${previous.name} declares ${previous.size} bytes, but the next entry starts ${entry.offset - previous.dataStart} bytes after its data begins`,
      );
    }
    expected = entry.end;
    previous = entry;
  }
  if (expected !== cdOffset && previous) {
    throw new BundleError(
      'zip_size_mismatch',
      `entry ${previous.name} declares ${previous.size} bytes, but the central directory starts ${cdOffset - previous.dataStart} bytes after its data begins`,
    );
  }
  return { entries: byOffset, envelope: envelopes[0] as ZipEntry, cdOffset, size };
}

/** Parses `count` central-directory records that must fill `cd` exactly. Pure, for the fuzz tests too. */
export function parseCentralDirectory(cd: Buffer, count: number, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const out: ZipEntry[] = [];
  const seen = new Set<string>();
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_FIXED > cd.length) throw structure('the central directory is shorter than its entry count');
    if (cd.readUInt32LE(p) !== SIG.central) throw structure(`central directory record ${i + 1} has a bad signature`);
    const madeBy = cd.readUInt16LE(p + 4);
    const needed = cd.readUInt16LE(p + 6);
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    let compressed = cd.readUInt32LE(p + 20);
    let size = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let diskStart = cd.readUInt16LE(p + 34);
    const external = cd.readUInt32LE(p + 38);
    let offset = cd.readUInt32LE(p + 42);
    const recordEnd = p + CENTRAL_FIXED + nameLength + extraLength + commentLength;
    if (recordEnd > cd.length) throw structure(`central directory record ${i + 1} runs past the directory`);

    const nameBytes = cd.subarray(p + CENTRAL_FIXED, p + CENTRAL_FIXED + nameLength);
    let name: string;
    try {
      name = utf8.decode(nameBytes);
    } catch {
      throw new BundleError('zip_bad_name', `entry ${i + 1} has a name that is not UTF-8`);
    }
    if (nameLength === 0 || nameLength > MAX_NAME_BYTES) throw new BundleError('zip_bad_name', `entry ${i + 1} has an empty or overlong name`);
    checkEntryName(name);
    if (seen.has(name)) throw new BundleError('zip_duplicate', `entry ${name} appears more than once`);
    seen.add(name);

    if ((flags & 0x0001) !== 0) throw structure(`entry ${name} is encrypted at the ZIP level`);
    if ((flags & ~(FLAG_DESCRIPTOR | FLAG_UTF8)) !== 0) throw structure(`entry ${name} uses ZIP features not allowed here (flags 0x${flags.toString(16)})`);
    if (method !== 0) throw new BundleError('zip_compressed', `entry ${name} is compressed (method ${method}); only stored entries are allowed`);
    if (needed > 45) throw structure(`entry ${name} needs ZIP version ${needed}`);
    if (commentLength !== 0) throw structure(`entry ${name} has a comment`);

    const host = madeBy >> 8;
    if (host === 3) {
      const type = (external >>> 16) & S_IFMT;
      if (type === S_IFLNK) throw new BundleError('zip_link', `entry ${name} is a symbolic link`);
      if (type !== 0 && type !== S_IFREG) throw new BundleError('zip_link', `entry ${name} is not a regular file`);
    } else if (host !== 0) {
      throw structure(`entry ${name} was made by an unsupported host system (${host})`);
    }
    if ((external & 0x10) !== 0) throw new BundleError('zip_bad_name', `entry ${name} is a directory`);

    // Extra fields: only ZIP64 sizes and the Info-ZIP timestamp.
    let zip64 = false;
    let q = p + CENTRAL_FIXED + nameLength;
    const extraEnd = q + extraLength;
    while (q < extraEnd) {
      if (q + 4 > extraEnd) throw structure(`entry ${name} has a truncated extra field`);
      const tag = cd.readUInt16LE(q);
      const length = cd.readUInt16LE(q + 2);
      const body = q + 4;
      if (body + length > extraEnd) throw structure(`entry ${name} has a truncated extra field`);
      if (tag === 0x0001) {
        if (zip64) throw structure(`entry ${name} has two ZIP64 fields`);
        zip64 = true;
        let r = body;
        const take = () => {
          if (r + 8 > body + length) throw structure(`entry ${name} has a short ZIP64 field`);
          const value = u64(cd, r);
          r += 8;
          return value;
        };
        if (size === 0xffffffff) size = take();
        if (compressed === 0xffffffff) compressed = take();
        if (offset === 0xffffffff) offset = take();
        if (diskStart === 0xffff) {
          if (r + 4 > body + length) throw structure(`entry ${name} has a short ZIP64 field`);
          diskStart = cd.readUInt32LE(r);
          r += 4;
        }
        if (r !== body + length) throw structure(`entry ${name} has a ZIP64 field of the wrong length`);
      } else if (tag !== 0x5455) {
        throw structure(`entry ${name} has an unexpected extra field 0x${tag.toString(16).padStart(4, '0')}`);
      }
      q = body + length;
    }
    if (size === 0xffffffff || compressed === 0xffffffff || offset === 0xffffffff) {
      throw structure(`entry ${name} has saturated sizes without a ZIP64 field`);
    }
    if (diskStart !== 0) throw structure('multi-disk archives are not allowed');
    if (compressed !== size) {
      throw new BundleError('zip_size_mismatch', `stored entry ${name} declares ${compressed} stored bytes for ${size} bytes of data`);
    }
    const isEnvelope = name === ENVELOPE_NAME;
    const cap = isEnvelope ? limits.maxEnvelopeBytes : limits.maxEntryBytes;
    if (size > cap) throw new BundleError('too_large', `entry ${name} declares ${size} bytes; the cap is ${cap}`);

    const headerLength = LOCAL_FIXED + nameLength;
    const descriptorLength = (flags & FLAG_DESCRIPTOR) !== 0 ? (zip64 ? 24 : 16) : 0;
    out.push({
      name,
      sha256: isEnvelope ? null : (BLOB_NAME.exec(name)?.[1] ?? null),
      offset,
      headerLength,
      dataStart: offset + headerLength,
      size,
      crc32: crc,
      flags,
      zip64,
      descriptorLength,
      end: offset + headerLength + size + descriptorLength,
    });
    p = recordEnd;
  }
  if (p !== cd.length) throw structure('the central directory holds more than its entry count');
  return out;
}

/** Checks a local file header against the directory record it belongs to. */
export function checkLocalHeader(header: Buffer, entry: ZipEntry): void {
  if (header.length !== entry.headerLength || header.readUInt32LE(0) !== SIG.local) {
    throw structure(`entry ${entry.name} has no local header where the directory says`);
  }
  const flags = header.readUInt16LE(6);
  const method = header.readUInt16LE(8);
  const crc = header.readUInt32LE(14);
  const compressed = header.readUInt32LE(18);
  const size = header.readUInt32LE(22);
  const nameLength = header.readUInt16LE(26);
  const extraLength = header.readUInt16LE(28);
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

import { BundleError } from './errors';

/*
 * A strict reader for exactly the ZIPs this app writes: stored (uncompressed) regular files with allowed names,
 * laid out back to back from byte 0 to the central directory, then the end record and nothing after it. The
 * central directory is read and checked first (entry count capped before it is even read), then entry data is
 * streamed, each local header and data descriptor compared with the directory, byte counts enforced and CRC-32
 * checked. Everything it refuses, it refuses with a BundleError.
 *
 * The reader is split by what each part needs to know: this file holds the format itself (signatures, sizes,
 * limits, the entry record and the allowed names), shared by both halves; zip-directory.ts checks the end records
 * and the central directory before any entry data is touched; zip-read.ts then streams entry data against
 * that directory. A change to the layout rules lands in one half without reading the other.
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

export const SIG = { local: 0x04034b50, central: 0x02014b50, eocd: 0x06054b50, z64eocd: 0x06064b50, z64loc: 0x07064b50, dd: 0x08074b50 };
export const LOCAL_FIXED = 30;
export const CENTRAL_FIXED = 46;
export const EOCD_SIZE = 22;
export const Z64_EOCD_SIZE = 56;
export const Z64_LOC_SIZE = 20;
export const FLAG_DESCRIPTOR = 0x0008;
export const FLAG_UTF8 = 0x0800;
export const MAX_NAME_BYTES = 100;
export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;

export const structure = (reason: string) => new BundleError('zip_structure', reason);
export const u64 = (b: Buffer, at: number) => {
  const value = b.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw structure('a ZIP64 field is out of range');
  return Number(value);
};

/** The run of fields a local header and a central-directory record share (the time and date are not read). */
export type SharedFields = {
  needed: number;
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  nameLength: number;
  extraLength: number;
};

/**
 * Reads the fields a local header (from byte 4) and a central-directory record (from byte 6) hold in the same order
 * (APPNOTE 4.3.7 and 4.3.12), so both halves of the reader take them from one layout.
 */
export function readSharedFields(b: Buffer, at: number): SharedFields {
  return {
    needed: b.readUInt16LE(at),
    flags: b.readUInt16LE(at + 2),
    method: b.readUInt16LE(at + 4),
    crc: b.readUInt32LE(at + 10),
    compressed: b.readUInt32LE(at + 14),
    size: b.readUInt32LE(at + 18),
    nameLength: b.readUInt16LE(at + 22),
    extraLength: b.readUInt16LE(at + 24),
  };
}

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

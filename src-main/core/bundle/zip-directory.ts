import { BundleError } from './errors';
import type { RangeSource } from './io';
import {
  BLOB_NAME,
  CENTRAL_FIXED,
  DEFAULT_ZIP_LIMITS,
  ENVELOPE_NAME,
  EOCD_SIZE,
  FLAG_DESCRIPTOR,
  FLAG_UTF8,
  LOCAL_FIXED,
  MAX_NAME_BYTES,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  SIG,
  Z64_EOCD_SIZE,
  Z64_LOC_SIZE,
  checkEntryName,
  readSharedFields,
  structure,
  u64,
  type ZipDirectory,
  type ZipEntry,
  type ZipLimits,
} from './zip-format';

/*
 * The first half of reading a bundle: the end record(s) and the central directory, checked as a whole (entry
 * count capped before the directory is read, entries laid back to back with nothing hidden) before a single byte
 * of entry data is streamed by zip-read.ts. Kept apart because it is the part the fuzz tests drive directly.
 */

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
    const { needed, flags, method, crc, nameLength, extraLength, ...sizes } = readSharedFields(cd, p + 6);
    // Saturated sizes are replaced by the ZIP64 field's below.
    let { compressed, size } = sizes;
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


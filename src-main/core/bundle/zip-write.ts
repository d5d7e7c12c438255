import { SIG } from './zip-format';

/*
 * The bundle's ZIP, framed here byte for byte as yazl frames it (stored entries, general-purpose bits 3 and 11,
 * data descriptors, no extra timestamp field, ZIP64 only where an entry or the directory needs it, the same DOS
 * time encoding): test/main/bundle-zip.test.ts writes the same entries with yazl and compares the bytes.
 *
 * Why not call yazl itself on the hot path: it computes CRC-32 with buffer-crc32, a pure-JS loop at about
 * 0.4 GB/s, and pumps every entry through five stream stages that allocate per chunk; on a 1 GiB seal that alone
 * exceeded the whole time budget. The framer below is synchronous and allocation-free per data chunk: the caller
 * feeds it the CRC (zlib.crc32, native) and the byte count as the data streams past.
 */

// The record signatures come from the reader's format module, so writer and reader cannot drift apart.
const VERSION_MADE_BY = (3 << 8) | 63;
const VERSION_UTF8 = 20;
const VERSION_ZIP64 = 45;
const FLAGS = 0x0800 | 0x0008;
export const FILE_MODE = 0o100444;

type Written = { name: Buffer; offset: number; size: number; crc: number; zip64: boolean };

/** DOS date and time in the local time zone, clamped to 1980–2107, as yazl computes them. */
export function dosDateTime(date: Date): { date: number; time: number } {
  const min = new Date(1980, 0, 1);
  const max = new Date(2107, 11, 31, 23, 59, 58);
  const d = date < min ? min : date > max ? max : date;
  return {
    date: (d.getDate() & 0x1f) | (((d.getMonth() + 1) & 0xf) << 5) | (((d.getFullYear() - 1980) & 0x7f) << 9),
    time: Math.floor(d.getSeconds() / 2) | ((d.getMinutes() & 0x3f) << 5) | ((d.getHours() & 0x1f) << 11),
  };
}

function u64(buffer: Buffer, value: number, at: number) {
  buffer.writeUInt32LE(value % 0x100000000, at);
  buffer.writeUInt32LE(Math.floor(value / 0x100000000), at + 4);
}

/**
 * Frames a ZIP as it streams: `begin(name)` gives the local header, the caller writes the data, `end(size, crc)`
 * gives the data descriptor, `finish()` the central directory and end records. It only counts bytes; it never
 * sees the data.
 */
export class ZipFramer {
  private readonly entries: Written[] = [];
  private readonly dos: { date: number; time: number };
  private current: { name: Buffer; offset: number } | null = null;
  private cursor = 0;

  constructor(mtime: Date) {
    this.dos = dosDateTime(mtime);
  }

  get offset(): number {
    return this.cursor;
  }

  begin(name: string): Buffer {
    if (this.current) throw new Error('the previous entry was not ended');
    const utf8 = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30 + utf8.length);
    header.writeUInt32LE(SIG.local, 0);
    header.writeUInt16LE(VERSION_UTF8, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(0, 8);
    header.writeUInt16LE(this.dos.time, 10);
    header.writeUInt16LE(this.dos.date, 12);
    // CRC and sizes are zero here; the data descriptor carries them (bit 3).
    header.writeUInt16LE(utf8.length, 26);
    utf8.copy(header, 30);
    this.current = { name: utf8, offset: this.cursor };
    this.cursor += header.length;
    return header;
  }

  end(size: number, crc: number): Buffer {
    const current = this.current;
    if (!current) throw new Error('no entry to end');
    this.current = null;
    this.cursor += size;
    const zip64 = size > 0xfffffffe || current.offset > 0xfffffffe;
    const descriptor = Buffer.alloc(zip64 ? 24 : 16);
    descriptor.writeUInt32LE(SIG.dd, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    if (zip64) {
      u64(descriptor, size, 8);
      u64(descriptor, size, 16);
    } else {
      descriptor.writeUInt32LE(size, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    this.entries.push({ name: current.name, offset: current.offset, size, crc: crc >>> 0, zip64 });
    this.cursor += descriptor.length;
    return descriptor;
  }

  finish(): Buffer {
    if (this.current) throw new Error('the last entry was not ended');
    const cdOffset = this.cursor;
    const records = this.entries.map((e) => {
      const record = Buffer.alloc(46 + e.name.length + (e.zip64 ? 28 : 0));
      record.writeUInt32LE(SIG.central, 0);
      record.writeUInt16LE(VERSION_MADE_BY, 4);
      record.writeUInt16LE(e.zip64 ? VERSION_ZIP64 : VERSION_UTF8, 6);
      record.writeUInt16LE(FLAGS, 8);
      record.writeUInt16LE(0, 10);
      record.writeUInt16LE(this.dos.time, 12);
      record.writeUInt16LE(this.dos.date, 14);
      record.writeUInt32LE(e.crc, 16);
      record.writeUInt32LE(e.zip64 ? 0xffffffff : e.size, 20);
      record.writeUInt32LE(e.zip64 ? 0xffffffff : e.size, 24);
      record.writeUInt16LE(e.name.length, 28);
      record.writeUInt16LE(e.zip64 ? 28 : 0, 30);
      record.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
      record.writeUInt32LE(e.zip64 ? 0xffffffff : e.offset, 42);
      e.name.copy(record, 46);
      if (e.zip64) {
        const at = 46 + e.name.length;
        record.writeUInt16LE(0x0001, at);
        record.writeUInt16LE(24, at + 2);
        u64(record, e.size, at + 4);
        u64(record, e.size, at + 12);
        u64(record, e.offset, at + 20);
      }
      return record;
    });
    const cd = Buffer.concat(records);
    const count = this.entries.length;
    const needZip64 = count >= 0xffff || cd.length >= 0xffffffff || cdOffset >= 0xffffffff;
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(SIG.eocd, 0);
    eocd.writeUInt16LE(count >= 0xffff ? 0xffff : count, 8);
    eocd.writeUInt16LE(count >= 0xffff ? 0xffff : count, 10);
    eocd.writeUInt32LE(cd.length >= 0xffffffff ? 0xffffffff : cd.length, 12);
    eocd.writeUInt32LE(cdOffset >= 0xffffffff ? 0xffffffff : cdOffset, 16);
    const parts = [cd];
    if (needZip64) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(SIG.z64eocd, 0);
      u64(record, 44, 4);
      record.writeUInt16LE(VERSION_MADE_BY, 12);
      record.writeUInt16LE(VERSION_ZIP64, 14);
      u64(record, count, 24);
      u64(record, count, 32);
      u64(record, cd.length, 40);
      u64(record, cdOffset, 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(SIG.z64loc, 0);
      u64(locator, cdOffset + cd.length, 8);
      locator.writeUInt32LE(1, 16);
      parts.push(record, locator);
    }
    parts.push(eocd);
    const tail = Buffer.concat(parts);
    this.cursor += tail.length;
    return tail;
  }
}

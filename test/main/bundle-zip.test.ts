import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../src-main/core/bundle/io';
import { readZipDirectory } from '../../src-main/core/bundle/zip-directory';
import { readEntry } from '../../src-main/core/bundle/zip-read';
import { FILE_MODE, ZipFramer } from '../../src-main/core/bundle/zip-write';

/** What yazl writes for stored, lazily added entries with a fixed time and mode and no extra timestamp. */
async function viaYazl(entries: { name: string; data: Buffer }[], mtime: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    zip.addReadStreamLazy(e.name, { compress: false, mtime, mode: FILE_MODE, forceDosTimestamp: true, size: e.data.length }, (cb) =>
      cb(null, Readable.from([e.data])),
    );
  }
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

function viaFramer(entries: { name: string; data: Buffer }[], mtime: Date): Buffer {
  const framer = new ZipFramer(mtime);
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(framer.begin(e.name), e.data, framer.end(e.data.length, crc32(e.data)));
  }
  parts.push(framer.finish());
  return Buffer.concat(parts);
}

describe('the ZIP framer', () => {
  it('writes byte for byte what yazl writes for the same entries', async () => {
    const mtime = new Date('2026-11-23T14:05:31.000Z');
    const entries = [
      { name: `blobs/sha256/${'a'.repeat(64)}`, data: randomBytes(100_000) },
      { name: `blobs/sha256/${'b'.repeat(64)}`, data: Buffer.alloc(0) },
      { name: 'envelope.dsse.json', data: Buffer.from('{"payloadType":"x"}') },
    ];
    expect(viaFramer(entries, mtime).equals(await viaYazl(entries, mtime))).toBe(true);
  });

  // (yazl needs ~15 s for this many lazy entries, so the independent check here is Info-ZIP's unzip.)
  it('switches to ZIP64 end records past 65,534 entries, as yazl does; unzip and our reader read it back', async () => {
    const mtime = new Date('2026-01-02T03:04:05.000Z');
    const entries = Array.from({ length: 70_000 }, (_, i) => ({ name: `blobs/sha256/${i.toString(16).padStart(64, '0')}`, data: Buffer.alloc(0) }));
    entries.push({ name: 'envelope.dsse.json', data: Buffer.from('{}') });
    const ours = viaFramer(entries, mtime);
    expect(ours.readUInt16LE(ours.length - 22 + 10)).toBe(0xffff);
    expect(ours.readUInt32LE(ours.length - 22 - 20)).toBe(0x07064b50);
    const file = path.join(tmpdir(), `aeo-zip64-${process.pid}.zip`);
    writeFileSync(file, ours);
    try {
      expect(execFileSync('unzip', ['-tq', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    } finally {
      rmSync(file, { force: true });
    }
    const source = bufferSource(ours);
    const directory = await readZipDirectory(source, { maxEntries: 80_000, maxEntryBytes: 10, maxEnvelopeBytes: 10 });
    expect(directory.entries).toHaveLength(70_001);
    expect((await readEntry(source, directory.envelope)).toString()).toBe('{}');
  });
});

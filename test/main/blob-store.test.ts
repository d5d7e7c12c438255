import { execFileSync } from 'node:child_process';
import fs, { existsSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  blobPath,
  hashFile,
  ingestFile,
  ingestStream,
  sweepTemp,
  type TempWriterFactory,
} from '../../src-main/core/blob-store';
import { sniffMediaType } from '../../src-main/core/media-type';
import { diskFullAfter } from '../support/disk-full';

let dir: string;
let root: string;
beforeEach(() => {
  // Not test/support/temp-store: the blob store is pure Node, and its tests need no database or handler map.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aeo-blobs-'));
  root = path.join(dir, 'blobs');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha256sum = (file: string) => execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];
const filesUnder = (folder: string): string[] =>
  existsSync(folder)
    ? readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(folder, f)).isFile())
    : [];
const write = (name: string, data: string | Buffer) => {
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
};

describe('the content-addressed blob store', () => {
  it('stores a file under the SHA-256 that sha256sum computes, byte for byte, and leaves no temp file', async () => {
    const source = write('report.pdf', `%PDF-1.4\n${'evidence '.repeat(200_000)}`);
    const stored = await ingestFile(root, source);
    expect(stored.sha256).toBe(sha256sum(source));
    expect(stored.path).toBe(path.join(root, 'sha256', stored.sha256.slice(0, 2), stored.sha256));
    expect(blobPath(root, stored.sha256)).toBe(stored.path);
    expect(readFileSync(stored.path).equals(readFileSync(source))).toBe(true);
    expect(stored.size).toBe(fs.statSync(source).size);
    expect(stored.created).toBe(true);
    expect(filesUnder(path.join(root, 'tmp'))).toEqual([]);
    expect(await hashFile(source)).toBe(stored.sha256);
  });

  it('keeps the same bytes once, whatever their names, and a stream ingests like a file', async () => {
    const bytes = Buffer.from('the same seal log, scanned twice');
    const first = await ingestFile(root, write('a.txt', bytes));
    const second = await ingestFile(root, write('b.txt', bytes));
    const streamed = await ingestStream(root, Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]));
    expect(second).toEqual({ ...first, created: false });
    expect(streamed).toEqual({ ...first, created: false });
    expect(filesUnder(path.join(root, 'sha256'))).toHaveLength(1);
    expect(filesUnder(path.join(root, 'tmp'))).toEqual([]);
  });

  it('a damaged copy at the address is replaced by good bytes when the file arrives again', async () => {
    const source = write('photo.bin', Buffer.alloc(4096, 7));
    const stored = await ingestFile(root, source);
    fs.chmodSync(stored.path, 0o644);
    const damaged = Buffer.alloc(4096, 7);
    damaged[100] = 8;
    writeFileSync(stored.path, damaged);
    await ingestFile(root, source);
    expect(await hashFile(stored.path)).toBe(stored.sha256);
  });

  it('a failure mid-copy (disk full after 1 MiB) throws and leaves neither a temp file nor a blob', async () => {
    const source = write('big.bin', Buffer.alloc(5 * 1024 * 1024, 1));
    let partialSeen = false;
    const spy: TempWriterFactory = (file, options) => {
      const stream = diskFullAfter(1024 * 1024)(file, options);
      stream.on('error', () => {
        // The failure came after real bytes reached the temp file, so cleanup had something to remove.
        partialSeen = existsSync(file) && fs.statSync(file).size > 0;
      });
      return stream;
    };
    await expect(ingestFile(root, source, { createTempWriter: spy })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(partialSeen).toBe(true);
    expect(filesUnder(path.join(root, 'tmp'))).toEqual([]);
    expect(filesUnder(path.join(root, 'sha256'))).toEqual([]);
  });

  it('a vanished path fails with ENOENT and creates nothing', async () => {
    await expect(ingestFile(root, path.join(dir, 'gone.jpg'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(filesUnder(root)).toEqual([]);
  });

  it('a folder or other non-file is refused before anything is opened', async () => {
    await expect(ingestFile(root, dir)).rejects.toMatchObject({ code: 'ENOTFILE' });
    expect(filesUnder(root)).toEqual([]);
  });

  it('input over maxBytes is refused and removed', async () => {
    const source = write('x.bin', Buffer.alloc(3 * 1024 * 1024));
    await expect(ingestFile(root, source, { maxBytes: 1024 * 1024 })).rejects.toMatchObject({ code: 'EFBIG' });
    expect(filesUnder(root)).toEqual([]);
  });

  const MiB = 1024 * 1024;
  const sparse = (name: string, bytes: number) => {
    const source = path.join(dir, name);
    writeFileSync(source, '');
    truncateSync(source, bytes);
    return source;
  };

  it('reports progress of a 50 MiB file every 8 MiB while the clock stands still, ending with done === total', async () => {
    const source = sparse('sparse.bin', 50 * MiB);
    const events: [number, number][] = [];
    // A clock that never moves: only the byte threshold can let an event through, whatever the machine's speed.
    const stored = await ingestFile(root, source, { onProgress: (done, total) => events.push([done, total]), now: () => 0 });
    expect(stored.sha256).toBe(sha256sum(source));
    // The first 1 MiB chunk, then each chunk at least 8 MiB past the last event, then the final count.
    expect(events.map(([done]) => done / MiB)).toEqual([1, 9, 17, 25, 33, 41, 49, 50]);
    expect(events.every(([, total]) => total === 50 * MiB)).toBe(true);
  });

  it('reports progress at least every 100 ms of the clock, even between 8 MiB marks', async () => {
    const source = sparse('slow.bin', 6 * MiB);
    let clock = 0;
    const events: number[] = [];
    // Each reading of the clock is 100 ms later: a slow disk, as seen by the throttle.
    await ingestFile(root, source, {
      onProgress: (done) => events.push(done / MiB),
      now: () => (clock += 100),
    });
    expect(events).toEqual([1, 2, 3, 4, 5, 6, 6]);
    // 50 ms per reading: every other chunk reaches the 100 ms interval.
    clock = 0;
    events.length = 0;
    await ingestFile(root, source, { onProgress: (done) => events.push(done / MiB), now: () => (clock += 50) });
    expect(events).toEqual([1, 3, 5, 6]);
  });

  it('sweeps temp files left by a crash once they are a day old by the clock, whatever their mtime says', async () => {
    const tmp = path.join(root, 'tmp');
    fs.mkdirSync(tmp, { recursive: true });
    writeFileSync(path.join(tmp, 'in-progress'), 'being written now');
    // A staged upload carries the browser's lastModified as mtime; it was still written just now.
    writeFileSync(path.join(tmp, 'old-mtime'), 'uploaded a minute ago');
    const old = new Date(Date.now() - 48 * 3600 * 1000);
    utimesSync(path.join(tmp, 'old-mtime'), old, old);
    const day = 24 * 3600 * 1000;
    // Each file's own last write (utimes itself moves ctime): the files are written some milliseconds apart.
    const writes = ['in-progress', 'old-mtime'].map((f) => fs.statSync(path.join(tmp, f)).ctimeMs);
    const first = Math.min(...writes);
    const last = Math.max(...writes);

    // Just under a day after the earlier write: nothing is stale, not even the file with a two-day-old mtime.
    expect(await sweepTemp(root, day, () => first + day - 1)).toBe(0);
    expect(readdirSync(tmp).sort()).toEqual(['in-progress', 'old-mtime']);
    // The default is a day too.
    expect(await sweepTemp(root, undefined, () => first + day - 1)).toBe(0);
    // A day and a moment after the later write (the copy crashed and nobody touched the files again): both go.
    expect(await sweepTemp(root, day, () => last + day + 1)).toBe(2);
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('media types by magic bytes (file-type), never by the name alone', () => {
  const head = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
  const ftyp = (major: string, ...compatible: string[]) => {
    const box = head('\0\0\0\0ftyp', major, '\0\0\0\0', ...compatible);
    box.writeUInt32BE(box.length, 0);
    return box;
  };

  it.each([
    [head([0xff, 0xd8, 0xff, 0xe1]), 'x.bin', 'image/jpeg'],
    [head([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]), 'x', 'image/png'],
    [head('GIF89a'), 'x', 'image/gif'],
    [head('RIFF\0\0\0\0WEBPVP8 '), 'x', 'image/webp'],
    [head('II*\0'), 'x', 'image/tiff'],
    [head('MM\0*'), 'x', 'image/tiff'],
    [ftyp('heic', 'mif1', 'heic'), 'IMG_0001.HEIC', 'image/heic'],
    [ftyp('mif1', 'mif1', 'heic'), 'x', 'image/heif'],
    [ftyp('mif1', 'mif1'), 'x', 'image/heif'],
    [ftyp('avif', 'mif1', 'avif'), 'x', 'image/avif'],
    [ftyp('isom', 'isom', 'mp41'), 'clip.mp4', 'video/mp4'],
    [head('%PDF-1.7'), 'scan.jpg', 'application/pdf'],
    [head('PK\x03\x04'), 'Report.DOCX', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    [head('PK\x03\x04'), 'book.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    [head('PK\x03\x04'), 'bundle.zip', 'application/zip'],
    [head('PK\x03\x04'), 'noext', 'application/zip'],
    [head('hello'), 'notes.txt', 'text/plain'],
    [head('a,b\n1,2'), 'data.csv', 'text/csv'],
    [head([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'minutes.msg', 'application/vnd.ms-outlook'],
    // A name claiming an image does not make text an image: it is recorded as the text it is.
    [head('not really a jpeg'), 'photo.jpg', 'text/plain'],
    [head([...Buffer.from('Пломба KZ 0451187 на месте\n', 'utf8')]), 'seal.jpeg', 'text/plain'],
    // A JPEG named as text is still a JPEG; binary bytes named as text are not text.
    [head([0xff, 0xd8, 0xff, 0xe0]), 'notes.txt', 'image/jpeg'],
    [head([0x00, 0x01, 0x02, 0x03, 0xfe]), 'notes.txt', 'application/octet-stream'],
    [head(''), 'empty', 'application/octet-stream'],
  ])('%#: %s named %s is %s', async (bytes, name, expected) => {
    expect(await sniffMediaType(bytes, name)).toBe(expected);
  });
});

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectFile, DirectReader } from '../../src-main/core/direct-file';
import { tempDir } from '../support/temp-store';

/*
 * Large write-once files go around the page cache where the file system allows it (core/direct-file.ts). Whether
 * O_DIRECT is taken or refused, the bytes on disk must be exactly the bytes given, in any piece sizes, and a read
 * must give back exactly the range asked for. Both paths run here: `direct: false` is the fallback.
 */

const dir = tempDir('aeo-direct-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MIB = 1024 * 1024;
const sizes = [0, 1, 4095, 4096, 4097, MIB - 1, MIB, MIB + 1, 3 * MIB + 17];

describe('DirectFile', () => {
  for (const direct of [true, false]) {
    it.each(sizes)(`writes exactly the %d bytes given, in odd pieces (O_DIRECT ${direct ? 'tried' : 'off'})`, async (size) => {
      const bytes = randomBytes(size);
      const file = path.join(dir, `w-${size}-${direct}`);
      const out = DirectFile.create(file, 0o444, { direct });
      for (let at = 0; at < size; at += 300_001) await out.write(bytes.subarray(at, at + 300_001));
      expect(await out.finish()).toBe(size);
      expect(Buffer.compare(readFileSync(file), bytes)).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o444);
    });
  }

  it('never overwrites: an existing file is refused and left as it was', () => {
    const file = path.join(dir, 'exists');
    writeFileSync(file, 'keep me');
    expect(() => DirectFile.create(file, 0o644)).toThrow(/EEXIST/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('abort removes the partial file', async () => {
    const file = path.join(dir, 'aborted');
    const out = DirectFile.create(file, 0o644);
    await out.write(randomBytes(2 * MIB + 5));
    await out.abort();
    expect(existsSync(file)).toBe(false);
  });
});

describe('DirectReader', () => {
  const bytes = randomBytes(3 * MIB + 4321);
  const file = path.join(dir, 'to-read');
  writeFileSync(file, bytes);
  const ranges: [number, number][] = [
    [0, 0],
    [0, 1],
    [1, 4097],
    [4095, 4096 * 3 + 1],
    [MIB - 7, 2 * MIB + 9],
    [bytes.length - 10, bytes.length],
    [bytes.length - 10, bytes.length + 5000],
  ];

  for (const direct of [true, false]) {
    it(`gives back exactly the range asked for, with reads in flight at once (O_DIRECT ${direct ? 'tried' : 'off'})`, async () => {
      const reader = DirectReader.open(file, { direct, buffers: 3 });
      try {
        for (let i = 0; i < ranges.length; i += 3) {
          const batch = ranges.slice(i, i + 3);
          const views = await Promise.all(batch.map(([start, end]) => reader.read(start, end)));
          views.forEach((view, j) => {
            const [start, end] = batch[j] as [number, number];
            expect(Buffer.compare(view, bytes.subarray(start, Math.min(end, bytes.length)))).toBe(0);
          });
        }
        await expect(reader.read(0, DirectReader.maxBytes + 1)).rejects.toThrow(RangeError);
      } finally {
        await reader.close();
      }
    });
  }
});

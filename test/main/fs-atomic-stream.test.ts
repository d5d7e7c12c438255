import { createReadStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { TargetExistsError, writeStreamAtomic } from '../../src-main/core/fs-atomic';
import { tempDir } from '../support/temp-store';

/*
 * writeStreamAtomic, which the bundle export, the PDF worker and preview uploads publish through: a name carries
 * either its old content or the whole new one, and a failed or refused write leaves no temp file behind.
 */

const root = tempDir('aeo-fs-atomic-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  return dir;
}

async function* failingAfter(bytes: Buffer, code: string): AsyncGenerator<Buffer> {
  yield bytes;
  throw Object.assign(new Error(`${code}: simulated`), { code });
}

describe('writeStreamAtomic', () => {
  it('publishes the whole stream with the mode and modification time asked for', async () => {
    const dir = folder('whole');
    const target = path.join(dir, 'out.bin');
    const when = new Date('2026-11-10T08:30:00Z');
    await writeStreamAtomic(target, Readable.from([Buffer.from('abc'), Buffer.from('def')]), { mode: 0o600, mtime: when, expectedSize: 6 });
    expect(readFileSync(target, 'utf8')).toBe('abcdef');
    expect((statSync(target).mode & 0o777).toString(8)).toBe('600');
    expect(statSync(target).mtime.toISOString()).toBe(when.toISOString());
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('a source failing half-way publishes nothing, keeps the old file when replacing, and leaves no temp', async () => {
    const dir = folder('failing');
    const fresh = path.join(dir, 'fresh.bin');
    await expect(writeStreamAtomic(fresh, failingAfter(Buffer.alloc(1000, 1), 'EIO'))).rejects.toMatchObject({ code: 'EIO' });
    const kept = path.join(dir, 'kept.bin');
    writeFileSync(kept, 'old');
    await expect(writeStreamAtomic(kept, failingAfter(Buffer.alloc(1000, 1), 'ENOSPC'), { overwrite: true })).rejects.toMatchObject({
      code: 'ENOSPC',
    });
    expect(readFileSync(kept, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['kept.bin']);
  });

  it('a stream that ends short of the expected size is refused as EIO', async () => {
    const dir = folder('short');
    const target = path.join(dir, 'short.bin');
    await expect(writeStreamAtomic(target, Readable.from([Buffer.alloc(10)]), { expectedSize: 11 })).rejects.toMatchObject({ code: 'EIO' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an existing target is refused before anything is read, and the source file is closed', async () => {
    const dir = folder('exists');
    const source = path.join(dir, 'source.bin');
    const target = path.join(dir, 'target.bin');
    writeFileSync(source, 'new');
    writeFileSync(target, 'old');
    const stream = createReadStream(source);
    await expect(writeStreamAtomic(target, stream)).rejects.toBeInstanceOf(TargetExistsError);
    expect(stream.destroyed).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['source.bin', 'target.bin']);
  });
});

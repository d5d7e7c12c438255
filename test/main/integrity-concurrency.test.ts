import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blobPath } from '../../src-main/core/blob-store';
import { HASH_CONCURRENCY, withIntegrity } from '../../src-main/domains/evidence-files';
import { blobRoot } from '../../src-main/domains/evidence-ingest';
import { openTestApp, type TestApp } from '../support/temp-store';

/*
 * The integrity of a list (evidence lists, and every print of the validation report, which checks each photo's
 * original first) hashes its files a few at a time (issue 14: all at once, a 120-photo report held 286 MB of read
 * buffers together). The files this process holds open under the blob store are watched while a list of many
 * files is checked: never more than the limit, and every verdict is still right.
 */

const FILES = 32;
const FILE_BYTES = 2 * 1024 * 1024;

let app: TestApp | undefined;
afterEach(() => app?.dispose());

/** How many files under `dir` this process has open now (Linux: /proc/self/fd). */
function openUnder(dir: string): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir)) n += 1;
    } catch {
      // closed between the listing and the look
    }
  }
  return n;
}

describe('the integrity of a list of files', () => {
  it.skipIf(!existsSync('/proc/self/fd'))(`hashes at most ${HASH_CONCURRENCY} files at once, and judges each one`, async () => {
    app = openTestApp();
    const root = blobRoot(app.store);
    const rows = Array.from({ length: FILES }, () => {
      const bytes = randomBytes(FILE_BYTES);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const file = blobPath(root, sha256);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      return { sha256, size: FILE_BYTES };
    });
    // One file altered in place (same size), one gone: the verdicts must still name them.
    writeFileSync(blobPath(root, rows[3]!.sha256), randomBytes(FILE_BYTES));
    const gone = { sha256: 'f'.repeat(64), size: 10 };

    let most = 0;
    let looks = 0;
    const watcher = setInterval(() => {
      most = Math.max(most, openUnder(root));
      looks += 1;
    }, 1);
    const checked = await withIntegrity(app.store, [...rows, gone]);
    clearInterval(watcher);

    expect(looks).toBeGreaterThan(0);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(HASH_CONCURRENCY);
    expect(checked.map((r) => r.integrity)).toEqual([...rows.map((_, i) => (i === 3 ? 'altered' : 'ok')), 'missing']);
  });
});

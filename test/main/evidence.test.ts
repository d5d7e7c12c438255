import { execFileSync } from 'node:child_process';
import fs, { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Evidence, IntegrityReport } from '../../src-main/contract/evidence';
import type { ProgressEvent } from '../../src-main/contract/progress';
import { blobPath } from '../../src-main/core/blob-store';
import { newId } from '../../src-main/core/ids';
import { evidenceFaults } from '../../src-main/domains/evidence-ingest';
import { createAppDispatcher, type Dispatch } from '../../src-main/handlers';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { diskFullAfter } from '../support/disk-full';
import { rawRequest } from '../support/raw-http';
import { call, createUserAndCase, openTestApp, sampleCase, sampleOperator, tempDir, type TestApp } from '../support/temp-store';
import { fileSource, testFiles } from '../support/local-files';

let app: TestApp;
let files: string;
let caseId: string;
let events: ProgressEvent[];
/** The real handler map on the test store, with progress events collected. */
let dispatch: Dispatch;

beforeEach(async () => {
  app = openTestApp();
  files = tempDir('aeo-files-');
  events = [];
  dispatch = createAppDispatcher(app.store, { fileTokens: testFiles, logError: () => undefined, emitProgress: (e) => events.push(e) });
  caseId = await createUserAndCase(dispatch);
});
afterEach(() => {
  delete evidenceFaults.createTempWriter;
  app.dispose();
  rmSync(files, { recursive: true, force: true });
});

const blobsRoot = () => path.join(app.dataDir, 'blobs');
const count = (table: string, where = '') =>
  app.store.sqlite.prepare(`SELECT count(*) FROM ${table} ${where}`).pluck().get() as number;
const filesUnder = (folder: string): string[] =>
  existsSync(folder)
    ? readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(folder, f)).isFile())
    : [];
const sha256sum = (file: string) => execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];
const write = (name: string, data: string | Buffer, mtime?: Date) => {
  const file = path.join(files, name);
  writeFileSync(file, data);
  if (mtime) utimesSync(file, mtime, mtime);
  return file;
};
/** A second case needs its own operator (identification numbers are unique). */
const secondCase = async () =>
  (
    await call<{ id: string }>(
      dispatch,
      'cases:create',
      sampleCase({ caseNumber: 'AEO-2026-0002', newOperator: { ...sampleOperator, identificationNumber: 'KZ-BIN-2' } }),
    )
  ).id;
const attach = (input: Record<string, unknown>) => call<Evidence>(dispatch, 'evidence:attach', { caseId, ...input });

/** Nothing of an attach survived: no rows, no stored file, no temp file, no audit row. */
function expectNothingStored(auditBefore: number) {
  expect(count('evidence')).toBe(0);
  expect(count('blobs')).toBe(0);
  expect(filesUnder(path.join(blobsRoot(), 'sha256'))).toEqual([]);
  expect(filesUnder(path.join(blobsRoot(), 'tmp'))).toEqual([]);
  expect(count('audit_log')).toBe(auditBefore);
}

/** A run written directly (runs:create is another domain's), pinned to a tiny template version. */
function insertRun(forCase = caseId): string {
  const templateRowId = newId();
  const now = new Date().toISOString();
  const body = JSON.stringify({
    id: 'seal-check',
    version: 1,
    sections: [{ id: 'seals', items: [{ id: 'seal-log' }, { id: 'seal-storage' }] }],
  });
  app.store.sqlite
    .prepare(
      `INSERT OR IGNORE INTO checklist_templates (id, template_id, version, body, sha256, origin, loaded_at)
       VALUES (?, 'seal-check', 1, ?, ?, 'shipped', ?)`,
    )
    .run(templateRowId, body, '0'.repeat(64), now);
  const pinned = app.store.sqlite
    .prepare(`SELECT id FROM checklist_templates WHERE template_id = 'seal-check' AND version = 1`)
    .pluck()
    .get() as string;
  const runId = newId();
  app.store.sqlite
    .prepare(
      `INSERT INTO checklist_runs (id, case_id, site_id, template_row_id, label, metadata, created_by, created_at, updated_at)
       VALUES (?, ?, NULL, ?, '', '{}', 'test', ?, ?)`,
    )
    .run(runId, forCase, pinned, now, now);
  return runId;
}

/** A 400x200 JPEG whose EXIF says "rotate 90° clockwise" (orientation 6) and when it was taken. */
async function exifPhoto(name: string, exifIfd: Record<string, string>): Promise<string> {
  const data = await sharp({ create: { width: 400, height: 200, channels: 3, background: { r: 180, g: 40, b: 20 } } })
    .jpeg()
    // sharp writes the orientation tag from withMetadata; other tags go in by IFD (IFD2 is the Exif IFD).
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: 'Test camera' }, IFD2: exifIfd })
    .toBuffer();
  return write(name, data, new Date('2020-01-01T00:00:00Z'));
}

const decodeDataUrl = (url: string) => {
  expect(url).toMatch(/^data:image\/jpeg;base64,/);
  return Buffer.from(url.slice('data:image/jpeg;base64,'.length), 'base64');
};

describe('attaching evidence', () => {
  it('stores the file under the sha256sum of its bytes and writes the evidence row and its audit row', async () => {
    const mtime = new Date('2026-10-20T08:15:00.000Z');
    const file = write('seal-register.pdf', `%PDF-1.4\n${'register page\n'.repeat(50_000)}`, mtime);
    const auditBefore = count('audit_log');
    const attached = await attach({ source: fileSource(file), caption: ' Seal register, October ', effectiveDate: '2026-10-01' });

    expect(attached.sha256).toBe(sha256sum(file));
    const stored = path.join(blobsRoot(), 'sha256', attached.sha256.slice(0, 2), attached.sha256);
    expect(blobPath(blobsRoot(), attached.sha256)).toBe(stored);
    expect(readFileSync(stored).equals(readFileSync(file))).toBe(true);
    expect(filesUnder(path.join(blobsRoot(), 'tmp'))).toEqual([]);

    expect(attached).toMatchObject({
      caseId,
      runId: null,
      itemId: null,
      kind: 'document',
      mediaType: 'application/pdf',
      originalName: 'seal-register.pdf',
      size: fs.statSync(file).size,
      capturedAt: mtime.toISOString(), // no EXIF: the file's modification time
      effectiveDate: '2026-10-01',
      caption: 'Seal register, October',
      attachedByName: 'Dana Validator',
    });
    expect(count('evidence')).toBe(1);
    expect(app.store.sqlite.prepare('SELECT size, media_type FROM blobs').get()).toEqual({
      size: attached.size,
      media_type: 'application/pdf',
    });
    const audit = app.store.sqlite
      .prepare('SELECT entity, entity_id AS entityId, action, actor_name AS actor FROM audit_log WHERE seq > ?')
      .all(auditBefore);
    expect(audit).toEqual([
      { entity: 'blob', entityId: attached.sha256, action: 'create', actor: 'Dana Validator' },
      { entity: 'evidence', entityId: attached.id, action: 'create', actor: 'Dana Validator' },
    ]);
    expect(await call(dispatch, 'audit:verify', {})).toMatchObject({ ok: true });
    expect(await call(dispatch, 'evidence:list', { caseId })).toEqual([{ ...attached, integrity: 'ok' }]);
  });

  it('dedupes: the same bytes under other names are one blob file and one blobs row', async () => {
    const runId = insertRun();
    const bytes = Buffer.from('%PDF-1.4 the same inspection report');
    const first = await attach({ source: fileSource(write('a.pdf', bytes)) });
    const second = await attach({ source: fileSource(write('b.pdf', bytes)), runId, itemId: 'seal-log' });
    expect(second.id).not.toBe(first.id);
    expect(second.sha256).toBe(first.sha256);
    expect(second.originalName).toBe('b.pdf');
    expect(filesUnder(path.join(blobsRoot(), 'sha256'))).toHaveLength(1);
    expect(count('blobs')).toBe(1);
    expect(count('audit_log', "WHERE entity = 'blob'")).toBe(1);

    // The same content at the same place again is idempotent: the row already there comes back.
    const again = await attach({ source: fileSource(write('c.pdf', bytes)) });
    expect(again).toEqual(first);
    expect(count('evidence')).toBe(2);
    expect(filesUnder(path.join(blobsRoot(), 'tmp'))).toEqual([]);
  });

  it("a photo's capture time is its EXIF DateTimeOriginal, and its thumbnail is turned upright", async () => {
    const file = await exifPhoto('IMG_0001.JPG', { DateTimeOriginal: '2026:10:15 09:30:12', OffsetTimeOriginal: '+05:00' });
    // The fixture holds what we think it holds.
    const tags = ['DateTimeOriginal', 'OffsetTimeOriginal', 'Orientation'];
    expect(await exifr.parse(file, { pick: tags, reviveValues: false, translateValues: false })).toEqual({
      DateTimeOriginal: '2026:10:15 09:30:12',
      OffsetTimeOriginal: '+05:00',
      Orientation: 6,
    });
    expect(await sharp(file).metadata()).toMatchObject({ width: 400, height: 200, orientation: 6 });

    const photo = await attach({ source: fileSource(file), expectPhoto: true });
    expect(photo).toMatchObject({ kind: 'photo', mediaType: 'image/jpeg', capturedAt: '2026-10-15T04:30:12.000Z' });

    const small = await call<{ id: string; dataUrl: string }>(dispatch, 'evidence:thumbnail', { id: photo.id });
    expect(small.id).toBe(photo.id);
    const smallMeta = await sharp(decodeDataUrl(small.dataUrl)).metadata();
    expect(smallMeta).toMatchObject({ format: 'jpeg', width: 160, height: 320 });
    expect(smallMeta.orientation ?? 1).toBe(1); // the rotation is in the pixels, not in a tag

    const large = await call<{ dataUrl: string }>(dispatch, 'evidence:thumbnail', { id: photo.id, size: 'large' });
    expect(await sharp(decodeDataUrl(large.dataUrl)).metadata()).toMatchObject({ width: 200, height: 400 });

    // Cached under blobs/thumbs/<size>/<sha>.jpg, and served from there the second time.
    const cached = path.join(blobsRoot(), 'thumbs', 'small', `${photo.sha256}.jpg`);
    expect(existsSync(cached)).toBe(true);
    expect((await call<{ dataUrl: string }>(dispatch, 'evidence:thumbnail', { id: photo.id })).dataUrl).toBe(small.dataUrl);
    expect(filesUnder(path.join(blobsRoot(), 'tmp'))).toEqual([]);
  });

  it('an EXIF time without an offset is read as local time; a photo without EXIF falls back to the file time', async () => {
    const local = await attach({ source: fileSource(await exifPhoto('local.jpg', { DateTimeOriginal: '2026:03:04 17:05:06' })) });
    expect(local.capturedAt).toBe(new Date(2026, 2, 4, 17, 5, 6).toISOString());

    const mtime = new Date('2025-05-05T05:05:05.000Z');
    const pngBytes = await sharp({ create: { width: 30, height: 20, channels: 3, background: 'white' } })
      .png()
      .toBuffer();
    const png = write('plain.png', pngBytes, mtime);
    const plain = await attach({ source: fileSource(png) });
    expect(plain).toMatchObject({ kind: 'photo', mediaType: 'image/png', capturedAt: mtime.toISOString() });
  });

  it('a non-image where a photo was expected is kept as a document, with no thumbnail', async () => {
    const text = await attach({ source: fileSource(write('notes.txt', 'Gate 3: seal numbers checked.\n')), expectPhoto: true });
    expect(text).toMatchObject({ kind: 'document', mediaType: 'text/plain' });
    const fake = await attach({ source: fileSource(write('photo.jpg', 'not really a photo')), expectPhoto: true });
    // Refused as a photo, recorded as what its bytes are.
    expect(fake).toMatchObject({ kind: 'document', mediaType: 'text/plain', originalName: 'photo.jpg' });
    expect(count('evidence')).toBe(2);
    const thumb = await dispatch('evidence:thumbnail', { id: text.id });
    expect(thumb).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/document/) } });
  });

  it('a vanished path is not_found and stores nothing', async () => {
    const auditBefore = count('audit_log');
    const gone = path.join(files, 'deleted-after-choosing.jpg');
    const result = await dispatch('evidence:attach', { caseId, source: fileSource(gone) });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(!result.ok && result.error.message).toContain(gone);
    expect(!result.ok && result.error.message).toMatch(/no longer exists/);
    expectNothingStored(auditBefore);
  });

  it('a path that cannot be read as a file (a folder) is a clear invalid_input and stores nothing', async () => {
    const auditBefore = count('audit_log');
    const result = await dispatch('evidence:attach', { caseId, source: fileSource(files) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/folder/) } });
    // A path itself is refused at the contract, before anything is read.
    const relative = await dispatch('evidence:attach', { caseId, source: { path: 'relative/photo.jpg' } });
    expect(relative).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expectNothingStored(auditBefore);
  });

  // Tests usually run as root here, and root reads a chmod 000 file anyway; the folder case above covers root.
  it.skipIf(process.getuid?.() === 0)('an unreadable file (chmod 000) is a clear invalid_input and stores nothing', async () => {
    const auditBefore = count('audit_log');
    const file = write('locked.jpg', 'secret');
    fs.chmodSync(file, 0o000);
    const result = await dispatch('evidence:attach', { caseId, source: fileSource(file) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/permission/) } });
    expectNothingStored(auditBefore);
  });

  it('a failure mid-copy (disk full) leaves no evidence row, no temp file and no stored file', async () => {
    const auditBefore = count('audit_log');
    const file = write('video-walkthrough.mp4', Buffer.alloc(6 * 1024 * 1024, 3));
    evidenceFaults.createTempWriter = diskFullAfter(2 * 1024 * 1024);
    const result = await dispatch('evidence:attach', { caseId, source: fileSource(file), taskId: 'copy-1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/disk space/) } });
    expectNothingStored(auditBefore);
    // The copy had really started before the disk "filled".
    expect(events.some((e) => e.taskId === 'copy-1' && e.done >= 1024 * 1024)).toBe(true);

    // With space again, the same file goes in whole.
    delete evidenceFaults.createTempWriter;
    expect((await attach({ source: fileSource(file) })).sha256).toBe(sha256sum(file));
  });

  it('reports copy progress for a 50 MiB file, ending with done === total', async () => {
    const file = path.join(files, 'scan-archive.bin');
    writeFileSync(file, '');
    truncateSync(file, 50 * 1024 * 1024); // sparse: instant to make
    const attached = await attach({ source: fileSource(file), taskId: 'task-50' });
    expect(attached.sha256).toBe(sha256sum(file));
    const mine = events.filter((e) => e.taskId === 'task-50');
    expect(mine.every((e) => e.phase === 'copy' && e.total === 50 * 1024 * 1024)).toBe(true);
    expect(mine.length).toBeGreaterThan(2);
    expect(mine.at(-1)).toMatchObject({ done: 50 * 1024 * 1024, total: 50 * 1024 * 1024 });
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.done).toBeGreaterThanOrEqual(mine[i - 1]!.done);
    // No task id, no events.
    events.length = 0;
    await attach({ source: fileSource(write('small.txt', 'x')) });
    expect(events).toEqual([]);
  });

  it('refuses bad input before writing anything', async () => {
    const auditBefore = count('audit_log');
    const file = write('a.txt', 'evidence');
    const itemWithoutRun = await dispatch('evidence:attach', { caseId, itemId: 'seal-log', source: fileSource(file) });
    expect(itemWithoutRun).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'runId' }] } });
    const longCaption = await dispatch('evidence:attach', { caseId, caption: 'x'.repeat(2001), source: fileSource(file) });
    expect(longCaption).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'caption' }] } });
    const unknownCase = await dispatch('evidence:attach', { caseId: newId(), source: fileSource(file) });
    expect(unknownCase).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const runId = insertRun();
    const unknownItem = await dispatch('evidence:attach', { caseId, runId, itemId: 'no-such-item', source: fileSource(file) });
    expect(unknownItem).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'itemId' }] } });
    const otherCase = await secondCase();
    const foreignRun = await dispatch('evidence:attach', { caseId: otherCase, runId, source: fileSource(file) });
    expect(foreignRun).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'runId' }] } });

    expect(count('evidence')).toBe(0);
    expect(count('blobs')).toBe(0);
    expect(filesUnder(blobsRoot())).toEqual([]);
    expect(count('audit_log', "WHERE entity IN ('evidence', 'blob')")).toBe(0);
    expect(count('audit_log')).toBe(auditBefore + 2); // only the second case's creation
  });

  it('refuses changes when nobody is working on the device', async () => {
    const fresh = openTestApp();
    try {
      const result = await fresh.dispatch('evidence:attach', { caseId, source: fileSource(write('a.txt', 'x')) });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      fresh.dispose();
    }
  });
});

describe('the gallery', () => {
  it('lists per case and per item in attach order; update and remove are audited; a removed file stays stored', async () => {
    const runId = insertRun();
    const onCase = await attach({ source: fileSource(write('overview.txt', 'site overview')) });
    const onItem = await attach({ source: fileSource(write('seal.txt', 'seal log page')), runId, itemId: 'seal-log' });
    const onOther = await attach({ source: fileSource(write('store.txt', 'seal storage')), runId, itemId: 'seal-storage' });

    const ids = async (input: object) => (await call<Evidence[]>(dispatch, 'evidence:list', input)).map((e) => e.id);
    expect(await ids({ caseId })).toEqual([onCase.id, onItem.id, onOther.id]);
    expect(await ids({ caseId, runId })).toEqual([onItem.id, onOther.id]);
    expect(await call(dispatch, 'evidence:list', { caseId, runId, itemId: 'seal-log' })).toEqual([{ ...onItem, integrity: 'ok' }]);

    const auditBefore = count('audit_log');
    const updated = await call<Evidence>(dispatch, 'evidence:update', {
      id: onItem.id,
      caption: 'Seal log, page 4',
      effectiveDate: '2026-09-30',
    });
    expect(updated).toMatchObject({ caption: 'Seal log, page 4', effectiveDate: '2026-09-30' });
    const rows = app.store.sqlite
      .prepare('SELECT field, before, after FROM audit_log WHERE seq > ? ORDER BY seq')
      .all(auditBefore);
    expect(rows).toEqual([
      { field: 'caption', before: '', after: 'Seal log, page 4' },
      { field: 'effectiveDate', before: null, after: '2026-09-30' },
    ]);
    // A patch that leaves the caption out keeps it.
    const dateOnly = await call<Evidence>(dispatch, 'evidence:update', { id: onItem.id, effectiveDate: null });
    expect(dateOnly).toMatchObject({ caption: 'Seal log, page 4', effectiveDate: null });
    // No change, no audit row.
    const before = count('audit_log');
    await call(dispatch, 'evidence:update', { id: onItem.id, caption: 'Seal log, page 4' });
    expect(count('audit_log')).toBe(before);
    const tooLong = await dispatch('evidence:update', { id: onItem.id, caption: 'x'.repeat(2001) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    expect(await call(dispatch, 'evidence:remove', { id: onItem.id })).toEqual({ id: onItem.id });
    const lastAction = app.store.sqlite
      .prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get(onItem.id);
    expect(lastAction).toBe('delete');
    expect(count('evidence', 'WHERE removed_at IS NOT NULL')).toBe(1);
    expect(await ids({ caseId })).toEqual([onCase.id, onOther.id]);
    expect(existsSync(blobPath(blobsRoot(), onItem.sha256))).toBe(true);
    expect(await dispatch('evidence:remove', { id: onItem.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch('evidence:update', { id: onItem.id, caption: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await call(dispatch, 'audit:verify', {})).toMatchObject({ ok: true });

    // Attaching the removed content again makes a new row (the tombstone is history).
    const back = await attach({ source: fileSource(write('seal-again.txt', 'seal log page')), runId, itemId: 'seal-log' });
    expect(back.id).not.toBe(onItem.id);
  });
});

describe('the integrity check', () => {
  it('the list gives each file its integrity: a photo altered after its thumbnail was cached is marked altered, a deleted file missing', async () => {
    const photo = await attach({ source: fileSource(await exifPhoto('yard.jpg', { DateTimeOriginal: '2026:10:15 09:30:12' })), expectPhoto: true });
    await attach({ source: fileSource(write('note.txt', 'seal log page 4')) });
    const gone = await attach({ source: fileSource(write('gone.txt', 'deleted later')) });
    type Listed = Evidence & { integrity: string };
    const states = async () =>
      Object.fromEntries((await call<Listed[]>(dispatch, 'evidence:list', { caseId })).map((e) => [e.originalName, e.integrity]));
    expect(await states()).toEqual({ 'yard.jpg': 'ok', 'note.txt': 'ok', 'gone.txt': 'ok' });
    await call(dispatch, 'evidence:thumbnail', { id: photo.id }); // cached now, made from the whole file

    const file = blobPath(blobsRoot(), photo.sha256);
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff; // one byte, same size, same name
    fs.chmodSync(file, 0o644);
    writeFileSync(file, bytes);
    rmSync(blobPath(blobsRoot(), gone.sha256));

    expect(await states()).toEqual({ 'yard.jpg': 'altered', 'note.txt': 'ok', 'gone.txt': 'missing' });
    // The thumbnail (from the cache) still comes back: the mark is what warns.
    expect(await dispatch('evidence:thumbnail', { id: photo.id })).toMatchObject({ ok: true });
  });

  it('names altered and missing files with their evidence ids, and passes untouched ones', async () => {
    const good = await attach({ source: fileSource(write('good.txt', 'untouched evidence')) });
    const altered = await attach({ source: fileSource(write('altered.txt', 'original bytes!!')) });
    const missing = await attach({ source: fileSource(write('missing.txt', 'soon deleted')) });
    const otherCase = await secondCase();
    const elsewhere = await call<Evidence>(dispatch, 'evidence:attach', {
      caseId: otherCase,
      source: fileSource(write('other.txt', 'other case')),
    });

    expect(await call(dispatch, 'evidence:verify', { caseId })).toEqual({ checked: 3, ok: true, problems: [] });

    const alteredPath = blobPath(blobsRoot(), altered.sha256);
    fs.chmodSync(alteredPath, 0o644); // stored files are read-only
    writeFileSync(alteredPath, 'tampered bytes!!'); // same length: only the hash can tell
    rmSync(blobPath(blobsRoot(), missing.sha256));

    const report = await call<IntegrityReport>(dispatch, 'evidence:verify', { caseId, taskId: 'verify-1' });
    expect(report).toEqual({
      checked: 3,
      ok: false,
      problems: [
        { evidenceIds: [altered.id], sha256: altered.sha256, originalName: 'altered.txt', problem: 'altered' },
        { evidenceIds: [missing.id], sha256: missing.sha256, originalName: 'missing.txt', problem: 'missing' },
      ],
    });
    const progress = events.filter((e) => e.taskId === 'verify-1');
    const total = good.size + altered.size + missing.size;
    expect(progress.every((e) => e.phase === 'verify' && e.total === total)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ done: total, total });

    // Without a case: every stored file.
    const all = await call<IntegrityReport>(dispatch, 'evidence:verify', {});
    expect(all.checked).toBe(4);
    expect(all.problems.map((p) => p.problem)).toEqual(['altered', 'missing']);
    expect(all.problems.flatMap((p) => p.evidenceIds)).not.toContain(elsewhere.id);

    // An unknown case is not_found.
    expect(await dispatch('evidence:verify', { caseId: newId() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a missing photo has no thumbnail, even a cached one: not_found pointing at the integrity check', async () => {
    const photo = await attach({ source: fileSource(await exifPhoto('p.jpg', { DateTimeOriginal: '2026:10:15 09:30:12' })) });
    await call(dispatch, 'evidence:thumbnail', { id: photo.id }); // cached now
    rmSync(blobPath(blobsRoot(), photo.sha256));
    expect(await dispatch('evidence:thumbnail', { id: photo.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/integrity check/) },
    });
  });
});

/* ---- the preview server's streaming upload ---- */

describe('PUT /api/upload on the preview server', () => {
  let server: PreviewServer;
  let httpApp: TestApp;
  let rendererDir: string;
  const uploads = () => path.join(httpApp.dataDir, 'uploads');

  beforeAll(async () => {
    httpApp = openTestApp();
    rendererDir = tempDir();
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>AEO</title>');
    server = await startPreviewServer({
      dispatch: httpApp.dispatch,
      rendererDir,
      uploadsDir: uploads(),
      maxUploadBytes: 8 * 1024 * 1024,
      port: 0,
    });
  });
  afterAll(async () => {
    await server.close();
    httpApp.dispose();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  const put = (body: Buffer, headers: Record<string, string> = {}, pathname = '/api/upload', method = 'PUT', chunked = false) =>
    rawRequest(server, { path: pathname, method, body, chunked, headers: { 'content-type': 'application/octet-stream', ...headers } });
  const post = (channel: string, input: unknown) =>
    fetch(`${server.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-aeo-token': server.token },
      body: JSON.stringify(input),
    }).then((r) => r.json() as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>);

  it('refuses a body not declared as application/octet-stream, a foreign Host, another method and a foreign origin', async () => {
    expect(await put(Buffer.from('x'), { 'content-type': 'application/json' })).toMatchObject({
      status: 415,
      json: { ok: false, error: { code: 'invalid_input' } },
    });
    expect(await put(Buffer.from('x'), { 'content-type': 'multipart/form-data; boundary=x' })).toMatchObject({ status: 415 });
    expect(await put(Buffer.from('x'), { host: 'evil.example:5199' })).toMatchObject({
      status: 421,
      json: { ok: false, error: { code: 'forbidden' } },
    });
    expect(await put(Buffer.from('x'), {}, '/api/upload', 'POST')).toMatchObject({ status: 405 });
    expect(await put(Buffer.from('x'), { origin: 'https://evil.example' })).toMatchObject({ status: 403 });
    expect(filesUnder(uploads())).toEqual([]);
  });

  it('refuses a file over the size cap and keeps nothing of it', async () => {
    // Declared up front (browsers send Content-Length for a File): a 413 before any byte is stored.
    const declared = await put(Buffer.alloc(9 * 1024 * 1024));
    expect(declared).toMatchObject({ status: 413, json: { ok: false, error: { code: 'invalid_input' } } });
    expect(filesUnder(uploads())).toEqual([]);
    // Sent without a length: the bytes past the cap are read and dropped (1 MiB over is within what the server
    // drains), the partial file is removed, and only then does the 413 go out, so no waiting is needed here.
    const streamed = await put(Buffer.alloc(9 * 1024 * 1024), {}, '/api/upload', 'PUT', true);
    expect(streamed).toMatchObject({ status: 413, json: { ok: false, error: { code: 'invalid_input' } } });
    expect(filesUnder(uploads())).toEqual([]);
  });

  it('streams an upload to disk; evidence:attach {source:{uploadId}} stores it and removes the staged file', async () => {
    await post('users:create', { name: 'Dana Validator', role: 'validator' });
    const created = (await post('cases:create', sampleCase())) as { value: { id: string } };
    const file = await exifPhoto('from-browser.jpg', { DateTimeOriginal: '2026:10:15 09:30:12', OffsetTimeOriginal: '+05:00' });
    const bytes = readFileSync(file);

    const res = await put(bytes, { 'x-last-modified': String(Date.parse('2026-10-16T10:00:00Z')) });
    expect(res.status).toBe(200);
    const { uploadId, size } = (res.json as { value: { uploadId: string; size: number } }).value;
    expect(res.json).toEqual({ ok: true, value: { uploadId, size: bytes.length } });
    expect(size).toBe(bytes.length);
    expect(readFileSync(path.join(uploads(), uploadId)).equals(bytes)).toBe(true);

    const attached = await post('evidence:attach', {
      caseId: created.value.id,
      source: { uploadId },
      originalName: 'from-browser.jpg',
    });
    expect(attached).toMatchObject({
      ok: true,
      value: { sha256: sha256sum(file), kind: 'photo', originalName: 'from-browser.jpg', capturedAt: '2026-10-15T04:30:12.000Z' },
    });
    expect(filesUnder(uploads())).toEqual([]);
    // The staged file is gone: a second attach of the same upload is a clear not_found.
    const again = await post('evidence:attach', { caseId: created.value.id, source: { uploadId } });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // A document's capture time is the browser's lastModified, carried by the header.
    const lastModified = { 'x-last-modified': String(Date.parse('2026-10-16T10:00:00Z')) };
    const doc = await put(Buffer.from('minutes of the closing meeting'), lastModified);
    const docId = (doc.json as { value: { uploadId: string } }).value.uploadId;
    const docAttached = await post('evidence:attach', {
      caseId: created.value.id,
      source: { uploadId: docId },
      originalName: 'minutes.txt',
    });
    expect(docAttached).toMatchObject({
      ok: true,
      value: { kind: 'document', mediaType: 'text/plain', capturedAt: '2026-10-16T10:00:00.000Z' },
    });
  });
});

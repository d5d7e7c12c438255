import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfResult } from '../../src-main/contract/reports';
import { blobPath } from '../../src-main/core/blob-store';
import { blobRoot } from '../../src-main/domains/evidence';
import { openAppWithReport, type ReportFixture } from '../support/report-fixture';
import { call, tempDir, type TestApp } from '../support/temp-store';

/*
 * Issue 14: a photo is downscaled once, when it is stored, into a print rendition kept in the blob store; the
 * report embeds those bytes as they are. Evidence stored before renditions existed gets its rendition at its
 * first print, once, and keeps it.
 */

type RenditionRow = { source_sha256: string; sha256: string; size: number; width: number; height: number; made_at: string };

let app: TestApp;
let fx: ReportFixture;
let photos: string[];

beforeAll(async () => {
  ({ app, fx } = await openAppWithReport({ photos: 3, photoSize: { width: 2000, height: 1500 } }));
  photos = fx.evidence.filter((e) => e.kind === 'photo').map((e) => e.sha256);
}, 120_000);
afterAll(() => app.dispose());

const renditionOf = (sha256: string) =>
  app.store.sqlite.prepare('SELECT * FROM print_renditions WHERE source_sha256 = ?').get(sha256) as RenditionRow | undefined;
const renditionAudits = () =>
  app.store.sqlite.prepare("SELECT count(*) FROM audit_log WHERE entity = 'blob' AND field = 'print_rendition'").pluck().get() as number;
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Prints the case's validation report afresh: the version's PDF from the print before is removed first. */
let lastPrinted: string | undefined;
async function printReport(): Promise<PdfResult> {
  if (lastPrinted) unlinkSync(lastPrinted);
  const pdf = await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId: fx.caseId, document: 'validation-report', lang: 'en' });
  lastPrinted = pdf.path;
  return pdf;
}

/** The SHA-256 of every JPEG stream in the PDF, extracted as stored (pdfimages -j writes DCT streams unchanged). */
function embeddedJpegs(pdf: string): string[] {
  const dir = tempDir('aeo-pdfimages-');
  execFileSync('pdfimages', ['-j', pdf, path.join(dir, 'img')]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jpg'))
    .map((f) => sha256Of(readFileSync(path.join(dir, f))))
    .sort();
}

describe('print renditions', () => {
  it('a photo gets its rendition when it is stored: upright, 600 px on its long side, in the blob store under its own hash, audited', async () => {
    for (const [i, sha256] of photos.entries()) {
      const row = renditionOf(sha256);
      expect(row, `photo ${i}`).toBeDefined();
      const bytes = readFileSync(blobPath(blobRoot(app.store), row!.sha256));
      expect(sha256Of(bytes)).toBe(row!.sha256);
      expect(bytes.length).toBe(row!.size);
      const meta = await sharp(bytes).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'jpeg', width: row!.width, height: row!.height });
      // The fixture's second photo is stored sideways with EXIF orientation 6: its rendition stands upright.
      expect([row!.width, row!.height]).toEqual(i === 1 ? [450, 600] : [600, 450]);
    }
    expect(renditionAudits()).toBe(photos.length);
    expect(await call(app.dispatch, 'audit:verify', {})).toMatchObject({ ok: true });
  });

  it('the validation report embeds the renditions byte for byte', async () => {
    const pdf = await printReport();
    const expected = photos.map((sha256) => renditionOf(sha256)!.sha256).sort();
    expect(embeddedJpegs(pdf.path)).toEqual(expected);
    const list = execFileSync('pdfimages', ['-list', pdf.path], { encoding: 'utf8' });
    expect(list.match(/\b600\s+450\s+rgb\b/g)).toHaveLength(2);
    expect(list.match(/\b450\s+600\s+rgb\b/g)).toHaveLength(1);
  }, 60_000);

  it('a photo stored before renditions existed still prints, and gets its rendition at its first print, once', async () => {
    const made = photos.map((sha256) => renditionOf(sha256)!);
    // As a store written before issue 14: no rendition rows and no rendition files.
    app.store.sqlite.prepare('DELETE FROM print_renditions').run();
    for (const row of made) {
      const file = blobPath(blobRoot(app.store), row.sha256);
      chmodSync(file, 0o644);
      unlinkSync(file);
    }
    const audits = renditionAudits();

    const pdf = await printReport();
    const remade = photos.map((sha256) => renditionOf(sha256)!);
    // The same bytes the ingest made: a report printed before and after the change is the same PDF.
    expect(remade.map((r) => r.sha256)).toEqual(made.map((r) => r.sha256));
    expect(embeddedJpegs(pdf.path)).toEqual(made.map((r) => r.sha256).sort());
    expect(renditionAudits()).toBe(audits + photos.length);

    // Kept: the next print makes none.
    await printReport();
    expect(photos.map((sha256) => renditionOf(sha256)!.made_at)).toEqual(remade.map((r) => r.made_at));
    expect(renditionAudits()).toBe(audits + photos.length);
    expect(await call(app.dispatch, 'audit:verify', {})).toMatchObject({ ok: true });
  }, 60_000);

  it('a rendition file that was lost or altered is made again at the next print, under the same hash', async () => {
    const row = renditionOf(photos[0]!)!;
    const file = blobPath(blobRoot(app.store), row.sha256);
    chmodSync(file, 0o644);
    unlinkSync(file);
    const pdf = await printReport();
    expect(sha256Of(readFileSync(file))).toBe(row.sha256);
    expect(embeddedJpegs(pdf.path)).toContain(row.sha256);
    expect(renditionOf(photos[0]!)).toEqual(row);
  }, 60_000);
});

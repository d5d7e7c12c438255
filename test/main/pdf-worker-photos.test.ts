import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel, ReportVersionSummary } from '../../src-main/contract/reports';
import { runWorkerTask } from '../../src-main/core/worker-task';
import { blobRoot } from '../../src-main/domains/evidence';
import { printPhotos } from '../../src-main/domains/evidence-renditions';
import { fontsDir } from '../../src-main/domains/printed-pdfs';
import type { PdfJob, PdfJobResult, PrintPhotos } from '../../src-main/report/pdf-job';
import { openAppWithReport, type ReportFixture } from '../support/report-fixture';
import { call, tempDir, type TestApp } from '../support/temp-store';

/*
 * The PDF worker starts before the main thread has checked the report's photos, and is sent them when they are
 * checked (issue 14: its start-up then overlaps the check). The PDF must be the one the worker prints when it is
 * given the photos at once, byte for byte; and a check that fails stops the worker with nothing written.
 */

let app: TestApp;
let fx: ReportFixture;
let model: ReportModel;
let version: ReportVersionSummary;
let photos: PrintPhotos;
let out: string;

beforeAll(async () => {
  ({ app, fx } = await openAppWithReport({ photos: 3 }));
  version = await call<ReportVersionSummary>(app.dispatch, 'reports:createVersion', { caseId: fx.caseId });
  model = (await call<{ model: ReportModel }>(app.dispatch, 'reports:getVersion', { id: version.id })).model;
  photos = await printPhotos(app.store, { id: null, name: 'test' }, model.evidence.filter((e) => e.kind === 'photo'));
  out = tempDir('aeo-pdf-photos-');
}, 60_000);
afterAll(() => app.dispose());

const jobFor = (name: string, given: PrintPhotos | undefined): PdfJob => ({
  document: 'validation-report',
  model,
  lang: 'en',
  meta: { version: version.version, createdAt: version.createdAt },
  outPath: path.join(out, name),
  fontsDir: fontsDir(),
  blobRoot: blobRoot(app.store),
  ...(given ? { photos: given } : {}),
});

const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the PDF worker and the photos it is sent later', () => {
  it('prints the same PDF, byte for byte, whether the photos come with the job or after the worker started', async () => {
    expect(Object.values(photos).filter((p) => p.status === 'ok')).toHaveLength(3);
    const upfront = await runWorkerTask<PdfJobResult>('pdf', jobFor('upfront.pdf', photos));
    const later = await runWorkerTask<PdfJobResult, PrintPhotos>('pdf', jobFor('later.pdf', undefined), {
      rest: new Promise((resolve) => setImmediate(() => resolve(photos))),
    });
    expect(later).toEqual(upfront);
    expect(sha256Of(path.join(out, 'later.pdf'))).toBe(upfront.sha256);
    expect(sha256Of(path.join(out, 'upfront.pdf'))).toBe(upfront.sha256);
  }, 60_000);

  it('a photo check that fails stops the worker: the task fails with its error and no file is written', async () => {
    const dir = tempDir('aeo-pdf-failed-');
    const job = { ...jobFor('x.pdf', undefined), outPath: path.join(dir, 'failed.pdf') };
    await expect(runWorkerTask<PdfJobResult, PrintPhotos>('pdf', job, { rest: Promise.reject(new Error('the disk went away')) })).rejects.toThrow(
      'the disk went away',
    );
    expect(existsSync(job.outPath)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

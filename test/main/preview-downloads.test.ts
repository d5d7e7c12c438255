import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEnrollment } from '../../src-main/core/bundle/trust-list';
import { newId } from '../../src-main/core/ids';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { device, type Device } from '../support/bundle-devices';
import { call, tempDir } from '../support/temp-store';

/*
 * The browser preview writes no file where the page says: exports are downloads (GET with Content-Disposition).
 * And what it serves from the data folder never follows a symbolic link out of it (issue 8, defect 7).
 */

const VERSION = '01900000-0000-7000-8000-000000000002';
let dana: Device;
let server: PreviewServer;
let reportsDir: string;
let outside: string;

beforeAll(async () => {
  dana = await device('Dana Validator');
  const rendererDir = tempDir('aeo-renderer-');
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>AEO</title>');
  reportsDir = path.join(dana.dataDir, 'reports');
  outside = tempDir('aeo-outside-');
  server = await startPreviewServer({
    dispatch: dana.dispatch,
    rendererDir,
    reportsDir,
    bundlesDir: path.join(dana.dataDir, 'bundles'),
    port: 0,
  });
});
afterAll(async () => {
  await server.close();
  dana.dispose();
  rmSync(outside, { recursive: true, force: true });
});

const pdfUrl = (document = 'validation-report') => `/api/reports/${VERSION}/${document}.en.pdf`;
/** A request as the page makes it: to the server's origin, with the launch token. */
const get = (apiPath: string, init: RequestInit = {}) =>
  fetch(`${server.origin}${apiPath}`, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-aeo-token': server.token } });

describe('downloads instead of writes', () => {
  it('the enrollment file downloads with Content-Disposition, signed by the key it enrolls', async () => {
    const res = await get(`/api/download/enrollment`);
    expect(res.status).toBe(200);
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="Dana-Validator-[0-9a-f]{8}\.enrollment\.json"/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = Buffer.from(await res.arrayBuffer());
    const status = await call<{ key: { keyId: string } }>(dana.dispatch, 'keys:status', {});
    expect(parseEnrollment(body).keyId).toBe(status.key.keyId);
  });

  it('an unknown bundle is 404, a request another site started is 403, a POST to a download is no download', async () => {
    expect((await get(`/api/download/bundles/${newId()}.aeob`)).status).toBe(404);
    const crossSite = await get(`/api/download/enrollment`, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const posted = await get(`/api/download/enrollment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(posted.headers.get('content-disposition')).toBeNull();
  });
});

describe('the reports folder does not follow symbolic links', () => {
  const secret = () => path.join(outside, 'secret.pdf');
  beforeEach(() => {
    rmSync(reportsDir, { recursive: true, force: true });
    mkdirSync(path.join(reportsDir, VERSION), { recursive: true });
    writeFileSync(path.join(reportsDir, VERSION, 'validation-report.en.pdf'), '%PDF-1.7 printed here');
    writeFileSync(secret(), '%PDF-1.7 outside the data folder');
  });

  it('serves a PDF printed into the folder', async () => {
    const res = await get(pdfUrl());
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('%PDF-1.7 printed here');
  });

  it('a PDF replaced by a link to a file outside is 404', async () => {
    const pdf = path.join(reportsDir, VERSION, 'validation-report.en.pdf');
    rmSync(pdf);
    symlinkSync(secret(), pdf);
    const res = await get(pdfUrl());
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('outside the data folder');
  });

  it('a version folder that is a link to a folder outside is 404', async () => {
    mkdirSync(path.join(outside, 'v'), { recursive: true });
    writeFileSync(path.join(outside, 'v', 'control-plan.en.pdf'), '%PDF-1.7 outside the data folder');
    rmSync(path.join(reportsDir, VERSION), { recursive: true });
    symlinkSync(path.join(outside, 'v'), path.join(reportsDir, VERSION));
    expect((await get(pdfUrl('control-plan'))).status).toBe(404);
  });

  it('the reports folder itself replaced by a link to a folder outside is 404', async () => {
    const elsewhere = path.join(outside, 'reports');
    mkdirSync(path.join(elsewhere, VERSION), { recursive: true });
    writeFileSync(path.join(elsewhere, VERSION, 'validation-report.en.pdf'), '%PDF-1.7 outside the data folder');
    rmSync(reportsDir, { recursive: true });
    symlinkSync(elsewhere, reportsDir);
    try {
      const res = await get(pdfUrl());
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('outside the data folder');
    } finally {
      rmSync(reportsDir);
    }
  });

  it('a bundle file replaced by a link is not served either', async () => {
    const bundles = path.join(dana.dataDir, 'bundles');
    mkdirSync(bundles, { recursive: true });
    const id = newId();
    symlinkSync(secret(), path.join(bundles, `${id}.aeob`));
    expect((await get(`/api/download/bundles/${id}.aeob`)).status).toBe(404);
    rmSync(path.join(bundles, `${id}.aeob`));
  });
});

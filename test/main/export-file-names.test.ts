import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFileName } from '../../src-main/core/file-names';
import { createAppDispatcher, type Dispatch } from '../../src-main/handlers';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { call, createUserAndCase, openTestApp, tempDir, type TestApp } from '../support/temp-store';

/*
 * Files leave the app named by one function (core/file-names): case number, what the file is, report version,
 * language. The desktop's save dialog suggests that name and the preview's download carries it, so a USB stick
 * with several cases' files still sorts and reads.
 */

describe('exportFileName', () => {
  it('names the PDFs and the bundle by case number and version', () => {
    expect(exportFileName('AEO-2026-017', 3, { kind: 'pdf', document: 'validation-report', lang: 'ru' })).toBe(
      'AEO-2026-017_validation-report_v3_ru.pdf',
    );
    expect(exportFileName('AEO-2026-017', 3, { kind: 'pdf', document: 'control-plan', lang: 'en' })).toBe('AEO-2026-017_control-plan_v3_en.pdf');
    expect(exportFileName('AEO-2026-017', 3, { kind: 'bundle' })).toBe('AEO-2026-017_v3.aeob');
  });

  it('keeps only characters every file system takes from a free-text case number', () => {
    expect(exportFileName('AEO 2026/017', 1, { kind: 'bundle' })).toBe('AEO_2026_017_v1.aeob');
    expect(exportFileName('../../etc/passwd', 1, { kind: 'bundle' })).toBe('etc_passwd_v1.aeob');
    expect(exportFileName('УЭО-2026-5 "x"', 2, { kind: 'bundle' })).toBe('УЭО-2026-5_x_v2.aeob');
    expect(exportFileName('///', 4, { kind: 'pdf', document: 'control-plan', lang: 'ru' })).toBe('case_control-plan_v4_ru.pdf');
    expect(exportFileName('A'.repeat(300), 1, { kind: 'bundle' }).length).toBeLessThan(100);
  });
});

describe('the names the app offers', () => {
  let app: TestApp;
  let dispatch: Dispatch;
  let server: PreviewServer;
  let caseId = '';
  const suggested: string[] = [];

  beforeAll(async () => {
    app = openTestApp();
    const rendererDir = tempDir('aeo-renderer-');
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>AEO</title>');
    // The desktop host as the shell gives it; this one records the name its save dialog would suggest.
    dispatch = createAppDispatcher(app.store, {
      logError: () => undefined,
      host: {
        saveFileAs: (_source, name) => {
          suggested.push(name);
          return Promise.resolve(null);
        },
        openFile: () => Promise.resolve(false),
      },
    });
    caseId = await createUserAndCase(dispatch, { caseNumber: 'AEO-2026-017' });
    server = await startPreviewServer({ dispatch, rendererDir, reportsDir: path.join(app.dataDir, 'reports'), port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    app?.dispose();
  });

  it('the save dialog suggests, and the preview download is named, case_document_version_language.pdf', async () => {
    const printed = await call<{ versionId: string; version: number }>(dispatch, 'reports:pdf', { caseId, document: 'control-plan', lang: 'ru' });
    expect(printed.version).toBe(1);
    await call(dispatch, 'reports:saveAs', { versionId: printed.versionId, document: 'control-plan', lang: 'ru' });
    expect(suggested).toEqual(['AEO-2026-017_control-plan_v1_ru.pdf']);

    const res = await fetch(`${server.origin}/api/reports/${printed.versionId}/control-plan.ru.pdf?download`, {
      headers: { 'x-aeo-token': server.token },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="AEO-2026-017_control-plan_v1_ru.pdf"; filename*=UTF-8''AEO-2026-017_control-plan_v1_ru.pdf`,
    );
    rmSync(path.join(app.dataDir, 'reports'), { recursive: true, force: true });
  }, 60_000);
});

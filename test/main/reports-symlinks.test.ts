import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppDispatcher, type Dispatch } from '../../src-main/handlers';
import { call, createUserAndCase, openTestApp, tempDir, type TestApp } from '../support/temp-store';

/*
 * Issue 8, defect 7, the writing side: printing a report must not follow a symbolic link planted in the data
 * folder (as `reports/` or `reports/<version>/`) to write outside it, and the desktop's save/open of a printed
 * PDF must not hand over a file a planted link points at.
 */

let app: TestApp;
let outside: string;
let caseId: string;
let dispatch: Dispatch;
const opened: string[] = [];

beforeEach(async () => {
  app = openTestApp();
  outside = tempDir('aeo-outside-');
  opened.length = 0;
  // The desktop host's capabilities, as the shell gives them; this one records what it was asked to open.
  dispatch = createAppDispatcher(app.store, {
    logError: () => undefined,
    host: {
      saveFileAs: () => Promise.resolve(null),
      openFile: (file) => {
        opened.push(file);
        return Promise.resolve(true);
      },
    },
  });
  caseId = await createUserAndCase(dispatch);
});
afterEach(() => {
  app.dispose();
  rmSync(outside, { recursive: true, force: true });
});

const reportsDir = () => path.join(app.dataDir, 'reports');

describe('printing reports does not follow planted links', () => {
  it('prints into a plain reports folder', async () => {
    const printed = await call<{ path: string }>(dispatch, 'reports:pdf', { caseId, document: 'control-plan', lang: 'en' });
    expect(printed.path.startsWith(reportsDir() + path.sep)).toBe(true);
    expect(existsSync(printed.path)).toBe(true);
  });

  it('refuses to print when reports/ is a link to a folder outside; nothing is written there', async () => {
    symlinkSync(outside, reportsDir());
    const result = await dispatch('reports:pdf', { caseId, document: 'control-plan', lang: 'en' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(readdirSync(outside)).toEqual([]);
  });

  it('refuses to print when reports/<version>/ is a link to a folder outside', async () => {
    const version = await call<{ id: string }>(dispatch, 'reports:createVersion', { caseId });
    mkdirSync(reportsDir());
    symlinkSync(outside, path.join(reportsDir(), version.id));
    const result = await dispatch('reports:pdf', { versionId: version.id, document: 'control-plan', lang: 'en' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a printed PDF replaced by a link is not opened: not_found', async () => {
    const printed = await call<{ path: string; versionId: string }>(dispatch, 'reports:pdf', { caseId, document: 'control-plan', lang: 'en' });
    const secret = path.join(outside, 'secret.pdf');
    writeFileSync(secret, '%PDF-1.7 not ours');
    rmSync(printed.path);
    symlinkSync(secret, printed.path);
    const result = await dispatch('reports:open', { versionId: printed.versionId, document: 'control-plan', lang: 'en' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(opened).toEqual([]);
  });
});

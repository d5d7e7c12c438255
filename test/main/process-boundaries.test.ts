import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../..') });

async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(import.meta.dirname, '../..', file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** One test per [file, imports]: the lint rule refuses the imports in a file at that path. */
const refuses = (cases: [file: string, code: string][]) =>
  it.each(cases)('%s may not: %s', async (file, code) => {
    expect(await violations(file, `${code}\nexport {};\n`)).not.toEqual([]);
  });

/** One test per [file, imports]: the lint rule lets a file at that path make the imports. */
const allows = (cases: [file: string, code: string][]) =>
  it.each(cases)('%s may: %s', async (file, code) => {
    expect(await violations(file, `${code}\nexport {};\n`)).toEqual([]);
  });

describe('the lint rule keeps each process in its folder', () => {
  refuses([
    ['src-renderer/src/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src-renderer/src/x.ts', "import fs from 'fs';"],
    ['src-renderer/src/x.ts', "import Database from 'better-sqlite3';"],
    ['src-renderer/src/x.ts', "import { eq } from 'drizzle-orm';"],
    ['src-renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src-renderer/src/x.ts', "import { openStore } from '../../src-main/db/open';"],
    ['src-main/db/x.ts', "import { app } from 'electron';"],
    ['src-main/domains/x.ts', "import { ipcMain } from 'electron';"],
    ['src-main/contract/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src-main/contract/x.ts', "import { openStore } from '../db/open';"],
    ['src-hq/x.ts', "import { openStore } from '../src-main/db/open';"],
    ['src-hq/x.ts', "import { app } from 'electron';"],
    ['src-hq/db/x.ts', "import { users } from '../../src-main/db/schema';"],
    ['src-hq/x.ts', "import { createAppDispatcher } from '../src-main/handlers';"],
    ['src-main/preload/x.ts', "import { readFileSync } from 'node:fs';"],
  ]);

  allows([
    ['src-renderer/src/x.ts', "import type { Api } from '../../src-main/contract';"],
    ['src-main/electron/x.ts', "import { app } from 'electron';"],
    ['src-main/preload/x.ts', "import { contextBridge } from 'electron';\nimport { buildApi } from '../contract/channels';"],
    ['src-hq/x.ts', "import { newId } from '../src-main/core/ids';"],
    // HQ keeps its own store: SQLite through drizzle is allowed there, the app's store is not (above).
    ['src-hq/db/x.ts', "import Database from 'better-sqlite3';\nimport { sqliteTable } from 'drizzle-orm/sqlite-core';"],
    ['src-main/db/x.ts', "import Database from 'better-sqlite3';"],
  ]);
});

describe('the lint rule keeps each layer of the main process importing downwards', () => {
  refuses([
    // The print layer lays out a composed model; it does not read the store or the domains.
    ['src-main/report/x.ts', "import { getCase } from '../domains/cases';"],
    ['src-main/report/x.ts', "import { composeReportModel } from '../domains/report-model';"],
    ['src-main/report/x.ts', "import type { Store } from '../db/open';"],
    ['src-main/report/x.ts', "import { reportVersions } from '../db/schema';"],
    ['src-main/report/x.ts', "import { createDispatcher } from '../handlers/registry';"],
    ['src-main/report/x.ts', "import { createAppDispatcher } from '../handlers';"],
    // Domains build on the kernel, not on the registry that imports every domain.
    ['src-main/domains/x.ts', "import { requireActor } from '../handlers/registry';"],
    ['src-main/domains/x.ts', "import type { HandlerMap } from '../handlers/registry';"],
    ['src-main/domains/x.ts', "import { createAppDispatcher } from '../handlers';"],
    // The core knows no domain and no handler.
    ['src-main/core/x.ts', "import { getCase } from '../domains/cases';"],
    ['src-main/core/x.ts', "import type { HandlerContext } from '../handlers/registry';"],
    ['src-main/core/bundle/x.ts', "import { exportBundle } from '../../domains/bundles';"],
  ]);

  allows([
    ['src-main/report/x.ts', "import type { ReportModel } from '../contract/reports';\nimport { formatDate } from './i18n';"],
    ['src-main/domains/x.ts', "import { requireActor, type HandlerMap } from '../kernel/context';"],
    ['src-main/domains/x.ts', "import type { PdfJob } from '../report/pdf-job';\nimport { getCase } from './cases';"],
    ['src-main/core/x.ts', "import type { WarningCode } from '../contract/bundle-codes';"],
    ['src-main/handlers/x.ts', "import { reportsHandlers } from '../domains/reports';"],
  ]);

  it('still keeps electron out of the layers that got their own rules', async () => {
    for (const file of ['src-main/report/x.ts', 'src-main/domains/x.ts', 'src-main/core/x.ts']) {
      expect(await violations(file, "import { app } from 'electron';\nexport {};\n")).not.toEqual([]);
    }
  });
});

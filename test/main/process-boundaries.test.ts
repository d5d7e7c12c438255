import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../..') });

async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(import.meta.dirname, '../..', file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the lint rule keeps each process in its folder', () => {
  it.each([
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
    ['src-main/preload/x.ts', "import { readFileSync } from 'node:fs';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await violations(file, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ['src-renderer/src/x.ts', "import type { Api } from '../../src-main/contract';"],
    ['src-main/electron/x.ts', "import { app } from 'electron';"],
    ['src-main/preload/x.ts', "import { contextBridge } from 'electron';\nimport { buildApi } from '../contract/channels';"],
    ['src-hq/x.ts', "import { newId } from '../src-main/core/ids';"],
    ['src-main/db/x.ts', "import Database from 'better-sqlite3';"],
  ])('%s may: %s', async (file, code) => {
    expect(await violations(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});

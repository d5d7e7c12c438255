import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Builds out/ with electron-vite when it is missing (`npm test` builds before the Node suite, so this only
 * matters when a single test file is run by hand).
 */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(path.join(projectRoot, 'out', 'main', 'index.js'))) return;
  await promisify(execFile)(
    process.execPath,
    [path.join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    { cwd: projectRoot },
  );
}

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

const SOURCES = { cli: ['src-main', 'cli', 'aeo.ts'], preview: ['src-main', 'preview', 'main.ts'] } as const;

/**
 * Node arguments that run an entry point: the built `out/main/<entry>.js` when it is newer than every source file
 * (as in `npm test`, which builds first), else the sources through tsx (slower, but never stale).
 */
export function entryArgs(entry: keyof typeof SOURCES): string[] {
  const built = path.join(projectRoot, 'out', 'main', `${entry}.js`);
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const full = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }, 0);
  if (existsSync(built) && statSync(built).mtimeMs > newest(path.join(projectRoot, 'src-main'))) return [built];
  return ['--import', 'tsx', path.join(projectRoot, ...SOURCES[entry])];
}

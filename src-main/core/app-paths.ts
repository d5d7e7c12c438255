import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json, migrations/ and assets/: found by walking up from this module, because it
 * runs from src-main/ under vitest and from out/main/ (possibly a chunk folder) when built.
 */
export function findAppRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'migrations', 'meta', '_journal.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the app folder (with migrations/) above ${from}`);
    dir = parent;
  }
}

export const migrationsDir = (root = findAppRoot()) => path.join(root, 'migrations');
export const assetsDir = (root = findAppRoot()) => path.join(root, 'assets');

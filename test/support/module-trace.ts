import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './built-app';

/*
 * Which modules a command loads (issue 14: load sharp, pdfmake, fonts and SQLite only when a command needs them).
 * A module-load hook (preloaded with --import) records every module Node resolves, ESM and CommonJS, and at exit
 * every native addon mapped into the process; `traced` answers that log's lines.
 */

const HOOK = `import { appendFileSync, readFileSync } from 'node:fs';
import Module, { register } from 'node:module';
const log = process.env.AEO_MODULE_LOG;
register('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(\${JSON.stringify(log)}, 'esm ' + r.url + '\\\\n');
  return r;
}\`));
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const r = load.apply(this, arguments);
  try { appendFileSync(log, 'cjs ' + Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {}
  return r;
};
process.on('exit', () => {
  const maps = readFileSync('/proc/self/maps', 'utf8').split('\\n').map((l) => l.trim().split(/\\s+/)[5]);
  appendFileSync(log, [...new Set(maps.filter((f) => f && f.endsWith('.node')))].map((f) => 'native ' + f + '\\n').join(''));
});
`;

/**
 * Runs `node ENTRY ARGS` (the given entry arguments) under the hook, its files in `work` (the caller's temp folder);
 * answers the exit code, the load log's lines, stdout and stderr.
 */
export async function traced(work: string, entry: string[], args: string[]): Promise<{ code: number; lines: string[]; stdout: string; stderr: string }> {
  const hookFile = path.join(work, 'module-hook.mjs');
  if (!existsSync(hookFile)) writeFileSync(hookFile, HOOK);
  const log = path.join(work, `modules-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  let code = 0;
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', hookFile, ...entry, ...args], {
      cwd: projectRoot,
      env: { ...process.env, AEO_MODULE_LOG: log },
    }));
  } catch (error) {
    code = (error as { code?: number }).code ?? 1;
    stdout = String((error as { stdout?: string }).stdout ?? '');
    stderr = String((error as { stderr?: string }).stderr ?? '');
  }
  return { code, lines: readFileSync(log, 'utf8').split('\n').filter(Boolean), stdout, stderr };
}

/** Packages that only printing, sharp or the data store need. */
export const PRINTING_AND_IMAGES = [/node_modules\/pdfmake\//, /node_modules\/sharp\//, /node_modules\/@img\//, /sharp.*\.node$/, /\/src-main\/workers\/pdf/, /\/out\/main\/pdf\.js/, /\/assets\/fonts\//];
export const HEAVY = [/node_modules\/pdfmake\//, /node_modules\/sharp\//, /node_modules\/@img\//, /node_modules\/better-sqlite3\//, /better_sqlite3\.node$/, /sharp.*\.node$/];
/** App folders that only the data store and printing need. */
export const STORE_AND_PRINT = [/\/src-main\/db\//, /\/src-main\/report\//, /\/src-main\/handlers\//, /\/src-main\/domains\//, /\/src-main\/workers\/pdf/, /\/assets\/fonts\//];
export const loaded = (lines: string[], patterns: RegExp[]) => lines.filter((line) => patterns.some((p) => p.test(line)));

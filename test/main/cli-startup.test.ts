import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, sealSample, signedTrust, trustBody, type Cast } from '../support/bundle-fixtures';
import { entryArgs, projectRoot } from '../support/built-app';
import { tempDir } from '../support/temp-store';

/*
 * Issue 14, start-up: `aeo --help` and `aeo verify` load only what they use. A module-load hook (preloaded with
 * --import) records every module Node resolves, ESM and CommonJS, and at exit every native addon mapped into the
 * process; the test reads that log. No timing is asserted (timings are in `npm run bench`).
 */

const work = tempDir('aeo-startup-');
const file = (name: string) => path.join(work, name);
let c: Cast;

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

/** Runs `aeo ARGS` (the given entry arguments) under the hook; answers the exit code and the load log's lines. */
async function traced(entry: string[], args: string[]): Promise<{ code: number; lines: string[]; stdout: string }> {
  const log = file(`modules-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  let code = 0;
  let stdout = '';
  try {
    stdout = (
      await promisify(execFile)(process.execPath, ['--import', file('hook.mjs'), ...entry, ...args], {
        cwd: projectRoot,
        env: { ...process.env, AEO_MODULE_LOG: log },
      })
    ).stdout;
  } catch (error) {
    code = (error as { code?: number }).code ?? 1;
    stdout = String((error as { stdout?: string }).stdout ?? '');
  }
  return { code, lines: readFileSync(log, 'utf8').split('\n').filter(Boolean), stdout };
}

/** Packages and app folders that only printing, sharp or the data store need. */
const HEAVY = [/node_modules\/pdfmake\//, /node_modules\/sharp\//, /node_modules\/@img\//, /node_modules\/better-sqlite3\//, /better_sqlite3\.node$/, /sharp.*\.node$/];
const STORE_AND_PRINT = [/\/src-main\/db\//, /\/src-main\/report\//, /\/src-main\/handlers\//, /\/src-main\/domains\//, /\/src-main\/workers\/pdf/, /\/assets\/fonts\//];
const loaded = (lines: string[], patterns: RegExp[]) => lines.filter((line) => patterns.some((p) => p.test(line)));

let verifyArgs: string[];

beforeAll(async () => {
  writeFileSync(file('hook.mjs'), HOOK);
  c = await cast();
  writeFileSync(file('trust.json'), signedTrust(trustBody([c.hq.member, c.lead.member, c.validator.member]), c.hq));
  writeFileSync(file('hq.identity'), `${c.hq.keys.ageIdentity}\n`);
  const trust = JSON.parse(readFileSync(file('trust.json'), 'utf8')) as unknown;
  expect(trust).toBeTruthy();
  const { verifyTrustList } = await import('../../src-main/core/bundle/trust-list');
  const sealed = await sealSample(work, c, verifyTrustList(readFileSync(file('trust.json'))), { name: 'case.aeob' });
  verifyArgs = ['verify', sealed.path, '--trust', file('trust.json'), '--identity', file('hq.identity'), '--hq-key', c.hq.keys.keyId];
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('aeo start-up loads only what the command needs', () => {
  it('aeo --help loads the registry alone: no command module, no dependency', async () => {
    const { code, lines, stdout } = await traced(['--import', 'tsx', path.join(projectRoot, 'src-main', 'cli', 'aeo.ts')], ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/verify +verify a bundle/);
    const app = lines.filter((l) => l.startsWith('esm file:') && !l.includes('/node_modules/'));
    expect(app.map((l) => path.basename(l))).toEqual(['aeo.ts', 'commands.ts']);
    const tooling = /\/node_modules\/(tsx|esbuild|@esbuild|get-tsconfig|resolve-pkg-maps)\//;
    expect(lines.filter((l) => l.includes('/node_modules/') && !tooling.test(l))).toEqual([]);
  }, 60_000);

  it('aeo verify (sources) never loads the PDF stack, sharp, SQLite, the schema or the handlers', async () => {
    const { code, lines, stdout } = await traced(['--import', 'tsx', path.join(projectRoot, 'src-main', 'cli', 'aeo.ts')], verifyArgs);
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/^VERIFIED/m);
    // The hook sees what verify does load: the bundle reader and the age library.
    expect(lines.some((l) => l.includes('/src-main/core/bundle/verify.ts'))).toBe(true);
    expect(lines.some((l) => l.includes('/node_modules/age-encryption/'))).toBe(true);
    expect(loaded(lines, [...HEAVY, ...STORE_AND_PRINT])).toEqual([]);
  }, 60_000);

  it('the built aeo verify resolves a handful of files (the CLI is bundled) and maps no native addon', async () => {
    const entry = entryArgs('cli');
    // Only meaningful on a fresh build (npm test builds first); entryArgs falls back to the sources otherwise.
    if (entry[0] === '--import' || !existsSync(entry[0] as string)) return;
    const { code, lines, stdout } = await traced(entry, verifyArgs);
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/^VERIFIED/m);
    expect(loaded(lines, HEAVY)).toEqual([]);
    expect(lines.filter((l) => l.startsWith('native '))).toEqual([]);
    const files = new Set(lines.filter((l) => l.startsWith('esm file:') || (l.startsWith('cjs /') && !l.startsWith('cjs node:'))));
    // Before bundling, `aeo verify` resolved about 370 files (drizzle-orm 113, zod 95, @noble 43, uuid 21, …).
    expect(files.size).toBeLessThan(40);
  }, 60_000);
});

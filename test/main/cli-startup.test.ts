import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, sealSample, signedTrust, trustBody, type Cast } from '../support/bundle-fixtures';
import { entryArgs, projectRoot } from '../support/built-app';
import { tempDir } from '../support/temp-store';
import { HEAVY, loaded, STORE_AND_PRINT, traced } from '../support/module-trace';

/*
 * Issue 14, start-up: `aeo --help` and `aeo verify` load only what they use, as the module-load log of
 * test/support/module-trace.ts shows. No timing is asserted (timings are in `npm run bench`).
 */

const work = tempDir('aeo-startup-');
const file = (name: string) => path.join(work, name);
let c: Cast;
let verifyArgs: string[];

beforeAll(async () => {
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
    const { code, lines, stdout } = await traced(work, ['--import', 'tsx', path.join(projectRoot, 'src-main', 'cli', 'aeo.ts')], ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/verify +verify a bundle/);
    const app = lines.filter((l) => l.startsWith('esm file:') && !l.includes('/node_modules/'));
    expect(app.map((l) => path.basename(l))).toEqual(['aeo.ts', 'commands.ts']);
    const tooling = /\/node_modules\/(tsx|esbuild|@esbuild|get-tsconfig|resolve-pkg-maps)\//;
    expect(lines.filter((l) => l.includes('/node_modules/') && !tooling.test(l))).toEqual([]);
  }, 60_000);

  it('aeo verify (sources) never loads the PDF stack, sharp, SQLite, the schema or the handlers', async () => {
    const { code, lines, stdout } = await traced(work, ['--import', 'tsx', path.join(projectRoot, 'src-main', 'cli', 'aeo.ts')], verifyArgs);
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
    const { code, lines, stdout } = await traced(work, entry, verifyArgs);
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/^VERIFIED/m);
    expect(loaded(lines, HEAVY)).toEqual([]);
    expect(lines.filter((l) => l.startsWith('native '))).toEqual([]);
    const files = new Set(lines.filter((l) => l.startsWith('esm file:') || (l.startsWith('cjs /') && !l.startsWith('cjs node:'))));
    // Before bundling, `aeo verify` resolved about 370 files (drizzle-orm 113, zod 95, @noble 43, uuid 21, …).
    expect(files.size).toBeLessThan(40);
  }, 60_000);
});

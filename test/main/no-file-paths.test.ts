import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../src-main/contract';
import { createFileTokenRegistry } from '../../src-main/core/file-tokens';
import { newId } from '../../src-main/core/ids';
import { passphraseWrapper } from '../../src-main/core/keys';
import { createAppDispatcher, type Dispatch } from '../../src-main/handlers';
import { call, createUserAndCase, openTestApp, tempDir, type TestApp } from '../support/temp-store';

/*
 * Defect 2 of issue 8: no channel the renderer can call may take a file-system path. The page could otherwise
 * read any readable file into sealed bundles (`/proc/self/environ` with the passphrase) or write wherever it liked.
 */

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Every object key anywhere in a zod schema, with its dotted location. */
function fieldsOf(schema: unknown, at = '', seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      return Object.entries(shape).flatMap(([key, inner]) => [`${at}${key}`, ...fieldsOf(inner, `${at}${key}.`, seen)]);
    }
    case 'union':
      return (def.options as unknown[]).flatMap((option) => fieldsOf(option, at, seen));
    case 'intersection':
      return [...fieldsOf(def.left, at, seen), ...fieldsOf(def.right, at, seen)];
    case 'array':
      return fieldsOf(def.element, `${at}[].`, seen);
    case 'record':
      return fieldsOf(def.valueType, `${at}*.`, seen);
    case 'tuple':
      return (def.items as unknown[]).flatMap((item) => fieldsOf(item, `${at}[].`, seen));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return fieldsOf(def.innerType, at, seen);
    case 'pipe':
      return [...fieldsOf(def.in, at, seen), ...fieldsOf(def.out, at, seen)];
    case 'lazy':
      return fieldsOf((def.getter as () => unknown)(), at, seen);
    default:
      return [];
  }
}

/** Names that say "a place on disk". */
const PATHLIKE = /(^|\.)(path|paths|filePath|file|filename|dir|dirname|directory|folder|target|destination|out)$/i;

/** Display names only: recorded and shown, never opened (`templates:import` keeps the name the user's file had). */
const DISPLAY_NAMES = new Set(['templates:import fileName']);

const inputs = Object.entries(contract as Record<string, { input: z.ZodType }>);

describe('the contract names no file-system path', () => {
  it('walks every input schema and finds a field anywhere', () => {
    // The walker itself must see nested fields, or the next test would pass vacuously.
    expect(fieldsOf(contract['evidence:attach'].input)).toEqual(expect.arrayContaining(['caseId', 'source', 'source.uploadId']));
    expect(fieldsOf(contract['cases:update'].input).some((f) => f.startsWith('patch.'))).toBe(true);
  });

  it('no channel input has a field named like a path, at any depth', () => {
    const offenders = inputs.flatMap(([channel, spec]) => fieldsOf(spec.input).filter((f) => PATHLIKE.test(f)).map((f) => `${channel} ${f}`))
      .filter((field) => !DISPLAY_NAMES.has(field));
    expect(offenders).toEqual([]);
  });

  it('every channel refuses a `path` (or `source.path`) key carrying an absolute path', () => {
    const accepted = inputs.filter(([, spec]) => {
      const asTop = spec.input.safeParse({ path: '/proc/self/environ' }).success;
      const asSource = spec.input.safeParse({ caseId: newId(), bundleId: newId(), source: { path: '/proc/self/environ' } }).success;
      return asTop || asSource;
    });
    expect(accepted.map(([channel]) => channel)).toEqual([]);
  });
});

describe('channels refuse paths and write or read nothing', () => {
  let app: TestApp;
  let caseId: string;
  let scratch: string;
  const count = (table: string) => app.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const filesUnder = (folder: string) => (existsSync(folder) ? readdirSync(folder, { recursive: true }) : []);

  beforeEach(async () => {
    app = openTestApp();
    scratch = tempDir('aeo-paths-');
    caseId = await createUserAndCase(app.dispatch);
  });
  afterEach(() => app.dispose());

  it('evidence:attach {source:{path:"/proc/self/environ"}} is refused: no row, no blob, no audit entry', async () => {
    const audit = count('audit_log');
    const result = await app.dispatch('evidence:attach', { caseId, source: { path: '/proc/self/environ' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(count('evidence')).toBe(0);
    expect(count('audit_log')).toBe(audit);
    expect(filesUnder(path.join(app.dataDir, 'blobs'))).toEqual([]);
  });

  it('bundles:export {path} and keys:exportEnrollment {path} are refused and write nothing there', async () => {
    const target = path.join(scratch, 'x');
    const exported = await app.dispatch('bundles:export', { bundleId: newId(), path: target, overwrite: true });
    expect(exported).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const enrollment = await app.dispatch('keys:exportEnrollment', { path: target });
    expect(enrollment).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('bundles:import and trust:import refuse a path source', async () => {
    for (const channel of ['bundles:import', 'trust:import']) {
      expect(await app.dispatch(channel, { source: { path: '/etc/passwd' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(count('bundles') + count('trust_lists')).toBe(0);
  });

  it('bundles:export without a desktop host is unavailable (the browser downloads instead)', async () => {
    const noHost = createAppDispatcher(app.store, { logError: () => undefined, secrets: passphraseWrapper(null) });
    expect(await noHost('bundles:export', { bundleId: newId() })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});

describe('dropped files reach evidence:attach only through a token the host issued', () => {
  let app: TestApp;
  let caseId: string;
  let scratch: string;
  let now: number;
  const files = createFileTokenRegistry({ now: () => now, ttlMs: 60_000 });
  let dispatch: Dispatch;

  beforeEach(async () => {
    now = Date.UTC(2026, 11, 2);
    app = openTestApp();
    scratch = tempDir('aeo-drops-');
    dispatch = createAppDispatcher(app.store, { logError: () => undefined, fileTokens: files });
    caseId = await createUserAndCase(dispatch);
  });
  afterEach(() => app.dispose());

  const write = async (name: string) => {
    const { writeFileSync } = await import('node:fs');
    const file = path.join(scratch, name);
    writeFileSync(file, `contents of ${name}\n`);
    return file;
  };
  const evidenceRows = () => app.store.sqlite.prepare('SELECT count(*) FROM evidence').pluck().get() as number;

  it('attaches by token, names the file by its own name, and the token works once', async () => {
    const token = files.issue(await write('seal-register.txt'));
    const attached = await call<{ originalName: string }>(dispatch, 'evidence:attach', { caseId, source: { token } });
    expect(attached.originalName).toBe('seal-register.txt');
    const again = await dispatch('evidence:attach', { caseId, source: { token } });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found', issues: [{ path: 'source.token' }] } });
    expect(evidenceRows()).toBe(1);
  });

  it('refuses an unknown, an expired, and another dispatcher\'s token; nothing stored', async () => {
    const unknown = await dispatch('evidence:attach', { caseId, source: { token: 'x'.repeat(43) } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const expiring = files.issue(await write('late.txt'));
    now += 60_000;
    expect(await dispatch('evidence:attach', { caseId, source: { token: expiring } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The test store's dispatcher has its own registry: a token issued here means nothing there.
    const foreign = files.issue(await write('foreign.txt'));
    expect(await app.dispatch('evidence:attach', { caseId, source: { token: foreign } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(evidenceRows()).toBe(0);
  });
});

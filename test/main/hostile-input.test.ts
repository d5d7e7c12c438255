import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../src-main/contract';
import type { CaseDetail } from '../../src-main/contract/cases';
import { errorCodes, type Result } from '../../src-main/contract/result';
import { sampleTemplate } from '../support/checklist-fixtures';
import { call, openTestApp, sampleCase, tempDir, type TestApp } from '../support/temp-store';

/*
 * A hostile-input table over every channel of the combined contract (enumerated, so a new channel is covered the
 * day it is added): wrong types, ill-formed strings, control and bidi characters, huge values, unknown keys and
 * path-like strings, sent through the real dispatcher on a real SQLite file. Every answer must be an envelope,
 * and nothing may be written: no row in any table, no audit entry, no file in the data folder or anywhere the
 * input pointed. The table is deterministic (no randomness), so a failure names its exact row.
 */

type Leaf = { path: (string | number)[]; schema: z.ZodType; inUnion: boolean; recordKey: boolean };

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Every place a value can go in an input, found by walking the schema (optional, default, union, array, record).
 * A leaf keeps its outermost schema (`IsoDate.nullable()`, not `IsoDate`), which decides what it accepts.
 */
function leavesOf(schema: z.ZodType, at: Leaf['path'] = [], inUnion = false, outer: z.ZodType = schema): Leaf[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return leavesOf(def.innerType!, at, inUnion, outer);
    case 'pipe':
      return leavesOf(def.in!, at, inUnion, outer);
    case 'object':
      return Object.entries(def.shape!).flatMap(([key, field]) => leavesOf(field, [...at, key], inUnion));
    case 'array':
      return leavesOf(def.element!, [...at, 0], inUnion);
    case 'union':
      return def.options!.flatMap((option) => leavesOf(option, at, true, defOf(option).type === 'object' ? option : outer));
    case 'intersection':
      return [...leavesOf(def.left!, at, inUnion), ...leavesOf(def.right!, at, inUnion)];
    case 'record':
      return [
        { path: at, schema: def.keyType!, inUnion, recordKey: true },
        ...leavesOf(def.valueType!, [...at, 'key'], inUnion),
      ];
    default:
      return [{ path: at, schema: outer, inUnion, recordKey: false }];
  }
}

/** Builds the smallest input that puts `value` at the leaf: containers on the way, nothing else. */
function inputAt(leaf: Leaf, value: unknown): unknown {
  const put = (at: Leaf['path'], inner: unknown): unknown => {
    if (at.length === 0) return inner;
    const [head, ...rest] = at;
    const child = put(rest, inner);
    return typeof head === 'number' ? [child] : { [head!]: child };
  };
  return leaf.recordKey ? put(leaf.path, { [String(value)]: 'v' }) : put(leaf.path, value);
}

const pathText = (at: Leaf['path']) => at.map(String).join('.') || '(root)';

const halfEmoji = '😀'.slice(0, 1);
/** Refused at every leaf of every channel, whatever the field is. */
const textHostile: Record<string, string> = {
  'lone high surrogate': '\ud800',
  'lone low surrogate': 'x\udfff',
  'half an emoji': `Gate ${halfEmoji}`,
  'terminal escape (OSC title)': 'AEO-1\u001b]0;files: all ok\u0007',
  'ANSI clear screen': 'a\u001b[2Jb',
  'NUL byte': 'a\u0000b',
  'C1 control (CSI)': 'a\u009bb',
  'bidi override': 'Dana \u202erotadilaV',
  'bidi isolate': 'x\u2066y\u2069',
  '1e6-character string': 'x'.repeat(1_000_000),
};
/** Wrong types and huge numbers: refused at every leaf whose own schema refuses them (it decides what "wrong" is). */
const valueHostile: Record<string, unknown> = {
  null: null,
  'a number': 7,
  'a boolean': true,
  'an object': { nested: 'x' },
  'an array': ['x'],
  'huge number': 1e308,
  'unsafe integer': Number.MAX_SAFE_INTEGER + 2,
  'negative huge': -1e308,
  infinity: Number.POSITIVE_INFINITY,
  NaN: Number.NaN,
  'huge array': Array.from({ length: 100_000 }, () => 'x'),
};
/** Whole inputs that are not an input at all. */
const wholeHostile: Record<string, unknown> = {
  null: null,
  undefined,
  'a string': 'cases',
  'a number': 1e308,
  'an array': [],
  'an unknown key': { unknownKey: 1 },
  'a prototype key': JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}') as unknown,
  'a 1e6-character string': 'x'.repeat(1_000_000),
  'deep nesting': Array.from({ length: 5_000 }).reduce<unknown>((inner) => ({ a: inner }), {}),
};

/**
 * Leaves that take raw file content or a file-system path: the contract only asks for well-formed text there, and
 * the handler refuses what it cannot parse or find. (The path fields are on their way out of the contract; the
 * table does not depend on them.)
 */
const rawLeafNames = new Set(['content', 'path']);

let app: TestApp;
let outside: string;
let pathLike: Record<string, string>;
let countRows: () => Record<string, number>;

beforeAll(async () => {
  app = openTestApp();
  outside = tempDir('aeo-hostile-outside-');
  await call(app.dispatch, 'users:create', { name: 'Dana Validator', role: 'validator' });
  await call<CaseDetail>(app.dispatch, 'cases:create', sampleCase());
  await call(app.dispatch, 'templates:import', { content: JSON.stringify(sampleTemplate(1)) });
  const tables = app.store.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const counts = app.store.sqlite.prepare(`SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(', ')}`);
  countRows = () => counts.get() as Record<string, number>;
  pathLike = {
    'relative climb': '../../../../../../etc/passwd',
    'proc environ': '/proc/self/environ',
    'file outside the data folder': path.join(outside, 'written-by-the-page.json'),
    'data folder database': path.join(app.dataDir, 'aeo.db'),
    'windows path': 'C:\\Windows\\win.ini',
    'file URL': 'file:///etc/passwd',
  };
});
afterAll(() => app.dispose());

/** Everything that could have been written: rows per table, the audit head, the files in the data folder and outside. */
function state() {
  const files = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();
  return {
    rows: countRows(),
    auditHead: app.store.sqlite.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get(),
    dataFiles: files(app.dataDir),
    outsideFiles: files(outside),
  };
}

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const unprintable = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function expectEnvelope(result: Result<unknown>) {
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(errorCodes).toContain(result.error.code);
    expect(typeof result.error.message).toBe('string');
    // The answer itself may be printed by the CLI or shown by the page: it echoes no control or ill-formed text.
    for (const shown of [result.error.message, ...(result.error.issues ?? []).map((issue) => issue.path)]) {
      expect(shown.isWellFormed(), shown).toBe(true);
      expect(shown).not.toMatch(unprintable);
    }
  }
}

/** The issue that names the leaf (or the union or container it sits in). */
function issueAt(result: Result<unknown>, leaf: Leaf) {
  if (result.ok) return undefined;
  const full = pathText(leaf.path);
  return (result.error.issues ?? []).find(
    (issue) =>
      issue.path === full ||
      (leaf.path.length > 0 && full.startsWith(`${issue.path}.`)) ||
      // A refused record key is reported at `record.<the key>`.
      (leaf.recordKey && issue.path.startsWith(`${full}.`)),
  );
}

const channels = Object.keys(contract).sort() as (keyof typeof contract & string)[];
const specOf = (channel: string) => (contract as Record<string, { input: z.ZodType }>)[channel]!;

describe('hostile input on every channel', () => {
  it('enumerates the whole contract', () => {
    expect(channels.length).toBeGreaterThan(70);
    expect(channels).toContain('runs:answer');
    expect(leavesOf(specOf('cases:update').input).map((leaf) => pathText(leaf.path))).toEqual(
      expect.arrayContaining(['id', 'patch.notes', 'patch.team.0']),
    );
  });

  it.each(channels)('%s: whole inputs that are not an input are refused and write nothing', async (channel) => {
    for (const [label, input] of Object.entries(wholeHostile)) {
      const before = state();
      const result = await app.dispatch(channel, input);
      expectEnvelope(result);
      expect(result, `${channel} ${label}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(state(), `${channel} ${label}`).toEqual(before);
    }
  });

  it.each(channels)('%s: ill-formed, control, bidi and huge strings are refused at every leaf', async (channel) => {
    for (const leaf of leavesOf(specOf(channel).input)) {
      const freeText = !leaf.inUnion && !leaf.recordKey && leaf.schema.safeParse('plain words').success;
      const raw = rawLeafNames.has(String(leaf.path.at(-1)));
      for (const [label, value] of Object.entries(textHostile)) {
        const where = `${channel} ${pathText(leaf.path)}${leaf.recordKey ? ' (key)' : ''}: ${label}`;
        const before = state();
        const result = await app.dispatch(channel, inputAt(leaf, value));
        expectEnvelope(result);
        if (raw && result.ok) {
          // Raw content the contract let through is parsed by the handler, which answers a rejection.
          expect(result.value, where).toMatchObject({ outcome: 'rejected' });
        } else {
          expect(result.ok, where).toBe(false);
        }
        if (!raw || leaf.schema.safeParse(value).success === false) {
          expect(result, where).toMatchObject({ error: { code: 'invalid_input' } });
          expect(issueAt(result, leaf), where).toBeDefined();
        }
        if (freeText && !raw && label !== '1e6-character string') {
          const code = /surrogate|emoji/.test(label) ? 'ill_formed_text' : 'control_characters';
          expect(issueAt(result, leaf)?.code, where).toBe(code);
        }
        expect(state(), where).toEqual(before);
      }
    }
  });

  it.each(channels)('%s: wrong types and huge numbers are refused wherever the leaf refuses them', async (channel) => {
    for (const leaf of leavesOf(specOf(channel).input)) {
      for (const [label, value] of Object.entries(valueHostile)) {
        if (leaf.recordKey || leaf.schema.safeParse(value).success) continue;
        const where = `${channel} ${pathText(leaf.path)}: ${label}`;
        const before = state();
        const result = await app.dispatch(channel, inputAt(leaf, value));
        expectEnvelope(result);
        expect(result, where).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
        expect(issueAt(result, leaf), where).toBeDefined();
        expect(state(), where).toEqual(before);
      }
    }
  });

  it.each(channels)('%s: path-like strings at any leaf name no file and write nothing', async (channel) => {
    for (const leaf of leavesOf(specOf(channel).input)) {
      for (const [label, value] of Object.entries(pathLike)) {
        const where = `${channel} ${pathText(leaf.path)}: ${label}`;
        const before = state();
        const result = await app.dispatch(channel, inputAt(leaf, value));
        expectEnvelope(result);
        // A search box may legitimately take "../" as text; what it may never do is touch a file or a row.
        expect(state(), where).toEqual(before);
      }
    }
  });

  it('the only channels that accept a huge number somewhere are the ones whose field is a free number', () => {
    const accepting = channels.flatMap((channel) =>
      leavesOf(specOf(channel).input)
        .filter((leaf) => !leaf.recordKey && leaf.schema.safeParse(1e308).success)
        .map((leaf) => `${channel} ${pathText(leaf.path)}`),
    );
    expect([...new Set(accepting)]).toEqual(['runs:answer value']);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { aeoTypes, stepStatuses, validationSteps } from '../../src-main/contract/cases';
import { operatorRoles } from '../../src-main/contract/operators';
import { errorCodes } from '../../src-main/contract/result';
import { userRoles } from '../../src-main/contract/users';
import en from '../../src-renderer/src/i18n/en.json';
import ru from '../../src-renderer/src/i18n/ru.json';
import assessmentEn from '../../src-renderer/src/i18n/assessment.en.json';
import assessmentRu from '../../src-renderer/src/i18n/assessment.ru.json';
import syncEn from '../../src-renderer/src/i18n/sync.en.json';
import syncRu from '../../src-renderer/src/i18n/sync.ru.json';
import hqEn from '../../src-renderer/src/i18n/hq.en.json';
import hqRu from '../../src-renderer/src/i18n/hq.ru.json';
import gatesEn from '../../src-renderer/src/i18n/gates.en.json';
import gatesRu from '../../src-renderer/src/i18n/gates.ru.json';
import a11yEn from '../../src-renderer/src/i18n/a11y.en.json';
import a11yRu from '../../src-renderer/src/i18n/a11y.ru.json';
import cycleEn from '../../src-renderer/src/i18n/cycle.en.json';
import cycleRu from '../../src-renderer/src/i18n/cycle.ru.json';
import teamEn from '../../src-renderer/src/i18n/team.en.json';
import teamRu from '../../src-renderer/src/i18n/team.ru.json';
import officialEn from '../../src-renderer/src/i18n/official.en.json';
import officialRu from '../../src-renderer/src/i18n/official.ru.json';
import { withGlossary } from '../../src-renderer/src/i18n/glossary';

const rendererSrc = path.resolve(import.meta.dirname, '../../src-renderer/src');

/** Keys whose Russian value is rightly the same Latin text (the language switch shows language codes). */
const latinInRussian = new Set(['language.en', 'language.ru']);

function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** Screens' own namespace files are merged over the main ones, as the app does; none may redefine a namespace. */
const namespaceFiles = [
  { en: assessmentEn, ru: assessmentRu },
  { en: syncEn, ru: syncRu },
  { en: hqEn, ru: hqRu },
  { en: gatesEn, ru: gatesRu },
  { en: a11yEn, ru: a11yRu },
  { en: cycleEn, ru: cycleRu },
  { en: teamEn, ru: teamRu },
  { en: officialEn, ru: officialRu },
];
// The app merges the glossary's enum words in (src-renderer/src/i18n/glossary.ts); they count as translations too.
const enFlat = flatten(withGlossary(Object.assign({}, en, ...namespaceFiles.map((f) => f.en)), 'en'));
const ruFlat = flatten(withGlossary(Object.assign({}, ru, ...namespaceFiles.map((f) => f.ru)), 'ru'));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('English and Russian have exactly the same keys', () => {
    expect([...ruFlat.keys()].sort()).toEqual([...enFlat.keys()].sort());
  });

  it('namespace files add their own top-level keys and redefine none of the main file', () => {
    for (const file of namespaceFiles) {
      expect(Object.keys(file.ru).sort()).toEqual(Object.keys(file.en).sort());
      expect(Object.keys(file.en).filter((key) => key in en || key in ru)).toEqual([]);
    }
  });

  it('every value is a non-empty string', () => {
    for (const [lang, flat] of [['en', enFlat], ['ru', ruFlat]] as const) {
      for (const [key, value] of flat) {
        expect(typeof value, `${lang}:${key}`).toBe('string');
        expect((value as string).trim(), `${lang}:${key}`).not.toBe('');
      }
    }
  });

  it('Russian values are in Russian wherever the English one has words', () => {
    const untranslated = [...enFlat]
      .filter(([key, value]) => /[A-Za-z]/.test(String(value)) && !latinInRussian.has(key))
      .filter(([key]) => !/[\u0400-\u04FF]/.test(String(ruFlat.get(key))))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });

  it('both languages use the same interpolation placeholders', () => {
    for (const [key, value] of enFlat) {
      expect(placeholders(String(ruFlat.get(key))), key).toEqual(placeholders(String(value)));
    }
  });

  it('names every step, status, AEO type, role and error code the contract defines', () => {
    const required = [
      ...validationSteps.flatMap((step) => [`steps.${step}.name`, `steps.${step}.description`]),
      ...stepStatuses.map((s) => `stepStatus.${s}`),
      ...aeoTypes.map((s) => `aeoTypes.${s}`),
      ...operatorRoles.map((s) => `operatorRoles.${s}`),
      ...userRoles.map((s) => `userRoles.${s}`),
      ...errorCodes.map((s) => `errors.${s}`),
    ];
    expect(required.filter((key) => !enFlat.has(key))).toEqual([]);
  });

  it('uses the customs terminology for the nine steps in Russian', () => {
    expect(validationSteps.map((step) => ruFlat.get(`steps.${step}.name`))).toEqual([
      'Планирование валидации',
      'Сбор информации',
      'Изучение бизнес-систем',
      'Первичное интервью',
      'Оценка рисков',
      'Проведение валидации',
      'Реагирование на остаточный риск',
      'Составление отчёта',
      'План контроля',
    ]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Attributes that reach the user as text; a literal there would bypass the translations. */
const textAttributes = new Set([
  'label',
  'placeholder',
  'title',
  'description',
  'aria-label',
  'alt',
  'nothingFoundMessage',
  'error',
]);
const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

function literalsIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(rendererSrc, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && textAttributes.has(node.name.getText(source)) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init)
        ? init
        : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
          ? init.expression
          : null;
      if (literal && hasWords(literal.text)) found.push(`${where(node)} ${node.name.getText(source)}="${literal.text}"`);
    }
    if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteralLike(node.expression)) {
      if (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) {
        if (hasWords(node.expression.text)) found.push(`${where(node)} {"${node.expression.text}"}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('renderer source', () => {
  it('has no user-facing string literals in components: all text goes through t()', () => {
    const files = sourceFiles(rendererSrc).filter((f) => f.endsWith('.tsx'));
    expect(files.length).toBeGreaterThan(5);
    expect(files.flatMap(literalsIn)).toEqual([]);
  });

  it('only uses translation keys that exist', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(rendererSrc)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) {
        const key = match[1] as string;
        if (!enFlat.has(key)) missing.push(`${path.relative(rendererSrc, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('imports nothing from the main process except the contract', () => {
    const offending: string[] = [];
    for (const file of sourceFiles(rendererSrc)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from\s+'([^']+)'/g)) {
        const spec = match[1] as string;
        if (spec.startsWith('node:') || (spec.includes('src-main/') && !spec.includes('src-main/contract'))) {
          offending.push(`${path.relative(rendererSrc, file)}: ${spec}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});

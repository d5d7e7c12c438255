import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rejectionCodes, warningCodes } from '../../src-main/contract/bundle-codes';
import { fieldIssueCodes, ownIssueCodes, reasonIssueCodes } from '../../src-main/contract/issue-codes';
import { hqRejectionCodes } from '../../src-main/contract/hq';
import { openItemCodes } from '../../src-main/contract/open-items';
import { errorCodes } from '../../src-main/contract/result';
import { missingCodes } from '../../src-main/contract/run-completion';
import { syncProblemCodes } from '../../src-main/contract/sync';
import { errorDetail } from '../../src-renderer/src/lib/error-text';
import { ownIssueError } from '../../src-renderer/src/lib/field-errors';
import en from '../../src-renderer/src/i18n/en.json';
import ru from '../../src-renderer/src/i18n/ru.json';
import assessmentEn from '../../src-renderer/src/i18n/assessment.en.json';
import assessmentRu from '../../src-renderer/src/i18n/assessment.ru.json';
import syncEn from '../../src-renderer/src/i18n/sync.en.json';
import syncRu from '../../src-renderer/src/i18n/sync.ru.json';
import hqEn from '../../src-renderer/src/i18n/hq.en.json';
import hqRu from '../../src-renderer/src/i18n/hq.ru.json';

/**
 * Issue 10: errors in plain words in both languages. Every code the core can answer with (error codes, issue codes
 * of its own, bundle and trust-list refusals and warnings) has words in English and Russian, and no text the page
 * can show names a channel (`keys:create`), a raw code (`trust_invalid`) or an environment variable.
 */
const languages = { en: { ...en, ...assessmentEn, ...syncEn, ...hqEn }, ru: { ...ru, ...assessmentRu, ...syncRu, ...hqRu } };
const lookup = (tree: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
const has = (key: string) => {
  for (const [lang, tree] of Object.entries(languages)) {
    const text = lookup(tree, key);
    expect(typeof text === 'string' && text.trim() !== '', `${lang}: ${key}`).toBe(true);
  }
};

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (entry.name.endsWith('.ts')) yield full;
  }
}

describe('every code the core can return has words in English and Russian', () => {
  it('the core uses no issue code it does not declare (walks src-main, the command line aside)', () => {
    const root = path.resolve(import.meta.dirname, '../../src-main');
    // Codes of lists that are not issues (what keeps a run or a case open) are declared with their lists.
    const known = new Set<string>([
      ...errorCodes,
      ...ownIssueCodes,
      ...rejectionCodes,
      ...warningCodes,
      ...hqRejectionCodes,
      ...missingCodes,
      ...openItemCodes,
      ...syncProblemCodes,
      'custom',
    ]);
    const undeclared: string[] = [];
    for (const file of sources(root)) {
      if (file.includes(`${path.sep}cli${path.sep}`)) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(/\bcode: '([a-z][a-z0-9_]*)'/g)) {
        if (!known.has(match[1]!)) undeclared.push(`${path.relative(root, file)}: ${match[1]}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('error codes: a heading in the app and on the sync screens', () => {
    for (const code of errorCodes) {
      has(`errors.${code}`);
      has(`sync.errors.${code}`);
    }
  });

  it('field issue codes: a message at the field, with the values it names', () => {
    for (const code of fieldIssueCodes) {
      const error = ownIssueError([{ path: 'x', message: 'x', code }]);
      expect(error, code).not.toBeNull();
      has(`validation.${error!.key}`);
    }
  });

  it('sync problems (the outbox and the HQ connection): a sentence each', () => {
    for (const code of syncProblemCodes) has(`hq.problems.${code}`);
  });

  it('reason codes: a sentence saying what to do, found from the issue alone', () => {
    for (const code of reasonIssueCodes) {
      has(`reasons.${code}`);
      expect(errorDetail({ issues: [{ path: '(root)', message: 'English, for logs', code }] })).toEqual({ key: `reasons.${code}` });
    }
  });

  it('bundle and trust-list refusals and warnings: a sentence each', () => {
    for (const code of [...rejectionCodes, ...warningCodes]) has(`sync.codes.${code}`);
  });
});

describe('no text the page shows names a channel, a raw code or an environment variable', () => {
  const flat = (tree: unknown, prefix = ''): [string, string][] =>
    tree && typeof tree === 'object'
      ? Object.entries(tree).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k))
      : [[prefix, String(tree)]];
  const codes = new Set<string>([...errorCodes, ...ownIssueCodes, ...rejectionCodes, ...warningCodes]);

  it.each(Object.keys(languages))('%s', (lang) => {
    const offending: string[] = [];
    for (const [key, text] of flat(languages[lang as keyof typeof languages])) {
      if (/\bAEO_[A-Z_]+/.test(text)) offending.push(`${key}: environment variable`);
      if (/\b[a-z]+:[a-z][A-Za-z]+\b/.test(text.replace(/https?:\/\/\S+/g, ''))) offending.push(`${key}: channel`);
      for (const word of text.match(/\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g) ?? []) if (codes.has(word)) offending.push(`${key}: code ${word}`);
    }
    expect(offending).toEqual([]);
  });
});

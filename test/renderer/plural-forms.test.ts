import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/en.json';
import ru from '../../src-renderer/src/i18n/ru.json';
import assessmentEn from '../../src-renderer/src/i18n/assessment.en.json';
import assessmentRu from '../../src-renderer/src/i18n/assessment.ru.json';
import syncEn from '../../src-renderer/src/i18n/sync.en.json';
import syncRu from '../../src-renderer/src/i18n/sync.ru.json';
import teamEn from '../../src-renderer/src/i18n/team.en.json';
import teamRu from '../../src-renderer/src/i18n/team.ru.json';
import gatesEn from '../../src-renderer/src/i18n/gates.en.json';
import gatesRu from '../../src-renderer/src/i18n/gates.ru.json';
import hqEn from '../../src-renderer/src/i18n/hq.en.json';
import hqRu from '../../src-renderer/src/i18n/hq.ru.json';
import cycleEn from '../../src-renderer/src/i18n/cycle.en.json';
import cycleRu from '../../src-renderer/src/i18n/cycle.ru.json';
import officialEn from '../../src-renderer/src/i18n/official.en.json';
import officialRu from '../../src-renderer/src/i18n/official.ru.json';
import a11yEn from '../../src-renderer/src/i18n/a11y.en.json';
import a11yRu from '../../src-renderer/src/i18n/a11y.ru.json';

/* Counts on screens agree with their number in Russian (1 ответ, 3 ответа, 5 ответов, 11 ответов, 21 ответ). */

const resources = {
  en: { ...en, ...assessmentEn, ...syncEn, ...teamEn, ...gatesEn, ...hqEn, ...cycleEn, ...officialEn, ...a11yEn },
  ru: { ...ru, ...assessmentRu, ...syncRu, ...teamRu, ...gatesRu, ...hqRu, ...cycleRu, ...officialRu, ...a11yRu },
};
const i18n = i18next.createInstance();
await i18n.init({ lng: 'ru', fallbackLng: 'en', resources: { en: { translation: resources.en }, ru: { translation: resources.ru } } });
const ruT = i18n.getFixedT('ru');
const enT = i18n.getFixedT('en');

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (typeof value === 'string') out.set(prefix, value);
  return out;
}

describe('Russian plural forms on screens', () => {
  it.each([
    [1, '1 ответ', '1 файл', '1 пункт', '1 риск'],
    [3, '3 ответа', '3 файла', '3 пункта', '3 риска'],
    [5, '5 ответов', '5 файлов', '5 пунктов', '5 рисков'],
    [11, '11 ответов', '11 файлов', '11 пунктов', '11 рисков'],
    [21, '21 ответ', '21 файл', '21 пункт', '21 риск'],
  ])('%i', (count, answers, files, items, risks) => {
    expect(ruT('assess.findings.answersN', { count })).toBe(answers);
    expect(ruT('assess.findings.evidenceN', { count })).toBe(files);
    expect(ruT('assess.assessment.items', { count })).toBe(items);
    expect(ruT('assess.assessment.risks', { count })).toBe(risks);
  });

  // The counts the last pass converted: compliance badges, runner filters, team-merge counts, progress and checks.
  it.each([
    [1, '1 соответствует', '1 несоответствие', '1 поле с разными значениями', 'ещё по 1 расхождению', '1 запись', 'из 1 файла', 'проверена 1 запись'],
    [3, '3 соответствуют', '3 несоответствия', '3 поля с разными значениями', 'ещё по 3 расхождениям', '3 записи', 'из 3 файлов', 'проверены 3 записи'],
    [5, '5 соответствуют', '5 несоответствий', '5 полей с разными значениями', 'ещё по 5 расхождениям', '5 записей', 'из 5 файлов', 'проверено 5 записей'],
    [11, '11 соответствуют', '11 несоответствий', '11 полей с разными значениями', 'ещё по 11 расхождениям', '11 записей', 'из 11 файлов', 'проверено 11 записей'],
    [21, '21 соответствует', '21 несоответствие', '21 поле с разными значениями', 'ещё по 21 расхождению', '21 запись', 'из 21 файла', 'проверена 21 запись'],
  ])('%i on the assessment, runner, team-merge, sync, evidence and audit screens', (count, compliant, nonCompliant, hard, blocked, rows, files, audit) => {
    expect(ruT('assess.assessment.compliance.compliant', { count })).toBe(compliant);
    expect(ruT('runner.filters.non_compliant', { count })).toBe(nonCompliant);
    expect(ruT('team.summary.hard', { count })).toBe(hard);
    expect(ruT('team.seal.blocked', { count })).toContain(blocked);
    expect(ruT('sync.report.auditRows', { count })).toBe(rows);
    expect(ruT('integrity.progress', { done: 0, count })).toBe(`0 ${files}`);
    expect(ruT('audit.ok', { count })).toContain(audit);
  });

  it('English has one and other', () => {
    expect(enT('assess.findings.answersN', { count: 1 })).toBe('1 answer');
    expect(enT('assess.findings.answersN', { count: 21 })).toBe('21 answers');
    expect(enT('team.seal.doneText', { id: 'B1', count: 1 })).toBe('Bundle B1, merging 1 field report. Both documents are printed below.');
    expect(enT('team.queue.stale', { count: 2 })).toContain('changed 2 conflicts you had decided; decide them again');
    expect(enT('sync.report.auditRows', { count: 1 })).toBe('1 entry');
  });

  it('no text puts a count before a word without plural forms, and no English text writes "(s)"', () => {
    // A number followed by a word must agree with it ("1 entries", «5 записи»): such a text is a plural key.
    // "3 of 9" and «3 из 9» need no agreement.
    const countThenWord = /\{\{\s*(count|n|done|total|checked|rows|answered|agreed)\s*\}\}\s+(?!(of|из)\s)[A-Za-zА-Яа-яЁё]/u;
    const PLURAL = /_(one|few|many|other)$/;
    const offenders = Object.entries(resources).flatMap(([lang, messages]) =>
      [...flatten(messages)]
        .filter(([key, text]) => !PLURAL.test(key) && (countThenWord.test(text) || text.includes('(s)')))
        .map(([key, text]) => `${lang}:${key} "${text}"`),
    );
    expect(offenders).toEqual([]);
  });

  it('every plural key answers each count with its own number in the text, in both languages', () => {
    for (const [lang, messages] of Object.entries(resources)) {
      const bases = new Set([...flatten(messages).keys()].filter((k) => /_(one|other)$/.test(k)).map((k) => k.replace(/_(one|few|many|other)$/, '')));
      expect(bases.size).toBeGreaterThan(15);
      // Keys built at run time: past i18next's typed key list.
      const t = (lang === 'ru' ? ruT : enT) as unknown as (key: string, options: Record<string, unknown>) => string;
      for (const base of bases) {
        for (const count of [1, 3, 5, 11, 21]) {
          const text = t(base, { count, done: 0, n: 0, answered: 0, percent: 0, id: 'B1' });
          expect(text, `${lang}:${base} ${count}`).toContain(String(count));
          expect(text, `${lang}:${base} ${count}`).not.toMatch(/\{\{|_one|_other/);
        }
      }
    }
  });
});

import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import assessmentEn from '../../src-renderer/src/i18n/assessment.en.json';
import assessmentRu from '../../src-renderer/src/i18n/assessment.ru.json';

/* Counts on screens agree with their number in Russian (1 ответ, 3 ответа, 5 ответов, 11 ответов, 21 ответ). */

const i18n = i18next.createInstance();
await i18n.init({ lng: 'ru', fallbackLng: 'en', resources: { en: { translation: assessmentEn }, ru: { translation: assessmentRu } } });

describe('Russian plural forms on screens', () => {
  it.each([
    [1, '1 ответ', '1 файл', '1 пункт', '1 риск'],
    [3, '3 ответа', '3 файла', '3 пункта', '3 риска'],
    [5, '5 ответов', '5 файлов', '5 пунктов', '5 рисков'],
    [11, '11 ответов', '11 файлов', '11 пунктов', '11 рисков'],
    [21, '21 ответ', '21 файл', '21 пункт', '21 риск'],
  ])('%i', (count, answers, files, items, risks) => {
    const t = i18n.getFixedT('ru');
    expect(t('assess.findings.answersN', { count })).toBe(answers);
    expect(t('assess.findings.evidenceN', { count })).toBe(files);
    expect(t('assess.assessment.items', { count })).toBe(items);
    expect(t('assess.assessment.risks', { count })).toBe(risks);
  });

  it('English has one and other', () => {
    const t = i18n.getFixedT('en');
    expect(t('assess.findings.answersN', { count: 1 })).toBe('1 answer');
    expect(t('assess.findings.answersN', { count: 21 })).toBe('21 answers');
  });
});

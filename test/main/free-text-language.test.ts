import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { PdfResult } from '../../src-main/contract/reports';
import { foreignLanguage, textLanguage } from '../../src-main/core/text-language';
import { call, openAppWithUser, sampleCase, type TestApp } from '../support/temp-store';

/*
 * Free text keeps the language it was written in, and a passage in the other language is marked in the PDFs
 * (issue 13). The language is judged by script when the report prints (src-main/core/text-language.ts).
 */

describe('the language of a passage, by its script', () => {
  it.each([
    ['The rear gate was open during the visit.', 'en'],
    ['Задние ворота были открыты во время проверки.', 'ru'],
    // Mixed: the script of most letters decides; a few names in the other script do not change it.
    ['Пломба ISO 17712 установлена, CTPAT соблюдается', 'ru'],
    ['Seal log kept by Гульнара at the gate', 'en'],
    ['', null],
    ['   ', null],
    ['2026-11-12 14:30, № 17', null],
    ['ab вг', null],
    // References and codes are the same in either language: they do not make a passage foreign.
    ['E9', null],
    ['E10, E11', null],
    ['MSKU 718204-7, ISO 17712', null],
    ['Замечание F1: E10, E11', 'ru'],
  ] as const)('%j is %s', (text, expected) => {
    expect(textLanguage(text)).toBe(expected);
  });

  it('only a passage known to be in the other language is foreign', () => {
    expect(foreignLanguage('Gate open', 'ru')).toBe('en');
    expect(foreignLanguage('Gate open', 'en')).toBeNull();
    expect(foreignLanguage('Ворота открыты', 'en')).toBe('ru');
    expect(foreignLanguage('12345', 'ru')).toBeNull();
  });
});

let app: TestApp;
beforeAll(async () => {
  app = await openAppWithUser();
});
afterAll(() => app.dispose());

const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

async function printed(caseNumber: string, reportLanguage: 'en' | 'ru', reasoning: string, matters: string): Promise<string> {
  const detail = await call<CaseDetail>(
    app.dispatch,
    'cases:create',
    sampleCase({ caseNumber, reportLanguage, newOperator: { ...sampleCase().newOperator, identificationNumber: `KZ-${caseNumber}` } }),
  );
  await call(app.dispatch, 'assessment:update', { caseId: detail.id, patch: { reasoning, mattersOfSignificance: matters } });
  const pdf = await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId: detail.id, document: 'validation-report' });
  return pdfText(pdf.path);
}

describe('free text in the other language is marked in the PDF, never translated', () => {
  it.each([
    ['FT-RU', 'ru', 'The operator keeps a complete seal register.', '[текст на английском языке]', 'Существенных замечаний нет.', '[text in'],
    ['FT-EN', 'en', 'Оператор ведёт полный журнал пломб.', '[text in Russian]', 'No matters of significance.', '[текст на'],
  ] as const)('%s: a note in the other language is marked, one in the report language is not', async (no, lang, foreign, note, own, otherNote) => {
    const text = await printed(no, lang, foreign, own);
    expect(text).toContain(`${foreign} ${note}`);
    expect(text).toContain(own);
    expect(text).not.toContain(`${own} [`);
    expect(text).not.toContain(otherNote);
  }, 60_000);
});

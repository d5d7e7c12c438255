import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfResult } from '../../src-main/contract/reports';
import { terms } from '../../src-main/contract/glossary';
import { plural, reportStrings } from '../../src-main/report/i18n';
import { buildReportFixture, type ReportFixture } from '../support/report-fixture';
import { call, openTestApp, type TestApp } from '../support/temp-store';

/*
 * Issue 13, Russian defects: counts agree with their nouns and verbs (CLDR plural rules through Intl.PluralRules),
 * placeholders do not pretend to agree with nouns of any gender, and the printed Russian report and control plan use
 * the glossary's words («Составление отчёта», «Критически важный актив», «Описание» for a photo caption…).
 */

describe('Russian counts and placeholders', () => {
  it('picks the plural form by the CLDR rules: 1, 2–4, 5–20, 11–14, 21, 22, 111', () => {
    const forms = { one: 'пункт', few: 'пункта', other: 'пунктов' };
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 111].map((n) => `${n} ${plural('ru', n, forms)}`)).toEqual([
      '1 пункт',
      '2 пункта',
      '4 пункта',
      '5 пунктов',
      '11 пунктов',
      '12 пунктов',
      '14 пунктов',
      '21 пункт',
      '22 пункта',
      '25 пунктов',
      '111 пунктов',
    ]);
    expect(plural('en', 1, { one: 'item', other: 'items' })).toBe('item');
    expect(plural('en', 11, { one: 'item', other: 'items' })).toBe('items');
  });

  it('the compliance summary agrees in number: «1 соответствует», «11 соответствуют», «21 соответствует»', () => {
    const parts = reportStrings.ru.summaryParts;
    expect(parts.compliant(1)).toBe('1 соответствует');
    expect(parts.compliant(11)).toBe('11 соответствуют');
    expect(parts.compliant(21)).toBe('21 соответствует');
    expect(parts.nonCompliant(3)).toBe('3 не соответствуют');
    expect(parts.notApplicable(1)).toBe('1 неприменим');
    expect(parts.notApplicable(7)).toBe('7 неприменимы');
    expect(reportStrings.ru.months(24)).toBe('24 месяца');
    expect(reportStrings.ru.conclusions.items(11)).toBe('11 пунктов');
    expect(reportStrings.en.summaryParts.compliant(11)).toBe('11 compliant');
  });

  it('placeholders are noun phrases, never a bare participle that must agree with «Дата» or «Срок»', () => {
    for (const placeholder of [reportStrings.ru.notSet, reportStrings.ru.notAssessed]) {
      expect(placeholder).not.toMatch(/^не \S+(о|а|ы|н)$/u);
    }
  });
});

describe('the printed Russian report and control plan', () => {
  let app: TestApp;
  let fx: ReportFixture;
  let report: string;
  let plan: string;
  const textOf = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

  beforeAll(async () => {
    app = openTestApp();
    fx = await buildReportFixture(app, { photos: 1 });
    report = textOf((await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId: fx.caseId, document: 'validation-report', lang: 'ru' })).path);
    plan = textOf((await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId: fx.caseId, document: 'control-plan', lang: 'ru' })).path);
  }, 120_000);
  afterAll(() => app.dispose());

  it('names step 8 «Составление отчёта», not «Отчётность»', () => {
    expect(report).toContain('Составление отчёта');
    expect(report).not.toMatch(/Отчётность/u);
  });

  it('uses the glossary words for the critical asset, the checklist and evidence', () => {
    expect(report).toContain(terms.criticalAsset.ru);
    expect(report).toContain(terms.checklist.ru);
    expect(report).toContain(`Приложение. ${terms.evidence.ru}`);
    expect(report).not.toMatch(/чек-лист|Критический актив|Доказательств/u);
  });

  it('counts agree: no number above one beside a singular «соответствует»', () => {
    const counted = [...report.matchAll(/(\d+) (соответствует|соответствуют)(?!\p{L})/gu)].map((m) => [Number(m[1]), m[2]] as const);
    expect(counted.length).toBeGreaterThan(0);
    for (const [n, verb] of counted) {
      expect(verb, `${n} ${verb}`).toBe(n % 10 === 1 && n % 100 !== 11 ? 'соответствует' : 'соответствуют');
    }
  });

  it('the control plan names the authorization date, the monitoring measure, the triggers and the customs response as the screens do', () => {
    for (const key of ['authorizationDate', 'monitoringMeasure', 'triggers', 'customsResponse', 'accountManager'] as const) {
      expect(plan).toContain(terms[key].ru);
    }
    expect(plan).not.toMatch(/таможн(я|и|е|ю)\b|Сигналы|Дата авторизации/u);
  });
});

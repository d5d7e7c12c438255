import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../src-main/contract/evidence';
import type { ProgressEvent } from '../../src-main/contract/progress';
import type { PdfResult, ReportVersionSummary } from '../../src-main/contract/reports';
import { blobPath } from '../../src-main/core/blob-store';
import { blobRoot } from '../../src-main/domains/evidence';
import { createAppDispatcher, type Dispatch } from '../../src-main/handlers';
import { buildReportFixture, makePhoto, type ReportFixture } from '../support/report-fixture';
import { call, openTestApp, tempDir, type TestApp } from '../support/temp-store';
import { fileSource, testFiles } from '../support/local-files';

/*
 * Both PDFs in both languages, checked with poppler: pdftotext finds the section titles and Cyrillic text,
 * pdfinfo counts the pages, pdftoppm renders page 1 to test-results/pdf/ for a person to look at.
 */

const RESULTS = path.resolve('test-results', 'pdf');
const poppler = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
const textOf = (file: string) => poppler('pdftotext', ['-enc', 'UTF-8', file, '-']).replace(/\s+/g, ' ');
const pagesOf = (file: string) => Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [file]))![1]);

function renderPage1(file: string, name: string): string {
  mkdirSync(RESULTS, { recursive: true });
  const prefix = path.join(RESULTS, name);
  execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-png', '-singlefile', file, prefix]);
  return `${prefix}.png`;
}

let app: TestApp;
let dispatch: Dispatch;
let fx: ReportFixture;
let unfinished: ReportFixture;
let missing: Evidence;
let altered: Evidence;
const progress: ProgressEvent[] = [];

beforeAll(async () => {
  app = openTestApp();
  dispatch = createAppDispatcher(app.store, { fileTokens: testFiles,
    logError: (channel, error) => console.error(channel, error),
    emitProgress: (event) => progress.push(event),
  });
  fx = await buildReportFixture(app, { photos: 4 });
  unfinished = await buildReportFixture(app, { caseNumber: 'AEO-2026-0002', photos: 0, findings: 0, unfinished: true });

  // Two more photos whose stored files then go wrong: one disappears, one is overwritten.
  const dir = tempDir('aeo-broken-');
  const attach = async (seed: number, caption: string) => {
    const file = path.join(dir, `broken-${seed}.jpg`);
    await makePhoto(file, { width: 320, height: 240, seed });
    return call<Evidence>(app.dispatch, 'evidence:attach', { caseId: fx.caseId, source: fileSource(file), caption, expectPhoto: true });
  };
  missing = await attach(101, 'Lost photo');
  altered = await attach(102, 'Tampered photo');
  unlinkSync(blobPath(blobRoot(app.store), missing.sha256));
  const tampered = blobPath(blobRoot(app.store), altered.sha256);
  chmodSync(tampered, 0o644);
  writeFileSync(tampered, readFileSync(path.join(dir, 'broken-101.jpg')));
  rmSync(dir, { recursive: true, force: true });
}, 120_000);
afterAll(() => app.dispose());

const SECTIONS = {
  en: [
    'Validation report',
    'Contents',
    'Operator profile',
    'Scope and the plan as carried out',
    'Method',
    'Conclusions per WCO SAFE criterion',
    'Matters of significance',
    'Risks identified and tested',
    'Heat map: inherent risk',
    'Heat map: residual risk',
    'Residual risks',
    'Findings and improvement actions',
    'Recommendation',
    'Signatures',
    'Annex: evidence',
    'Audit trail summary',
  ],
  ru: [
    'Отчёт о валидации',
    'Содержание',
    'Сведения об операторе',
    'Объём валидации и фактическое выполнение плана',
    'Методика',
    'Выводы по критериям ВТамО SAFE',
    'Существенные вопросы',
    'Выявленные и проверенные риски',
    'Тепловая карта: присущий риск',
    'Тепловая карта: остаточный риск',
    'Остаточные риски',
    'Замечания и меры по улучшению',
    'Рекомендация',
    'Подписи',
    'Приложение. Подтверждающие материалы',
    'Сводка журнала аудита',
  ],
};
const CONTROL_PLAN_SECTIONS = {
  en: ['Control plan', 'Authorization and re-evaluation', 'Monitoring measures per residual risk', 'Schedule', 'Residual risks without a monitoring measure'],
  ru: ['План контроля', 'Присвоение статуса и повторная оценка', 'Меры контроля по остаточным рискам', 'График мероприятий', 'Остаточные риски без мер контроля'],
};

describe('validation report and control plan PDFs of a fixture case', () => {
  let version: ReportVersionSummary;
  const printed = new Map<string, PdfResult>();

  beforeAll(async () => {
    version = await call<ReportVersionSummary>(dispatch, 'reports:createVersion', { caseId: fx.caseId });
    for (const document of ['validation-report', 'control-plan'] as const) {
      for (const lang of ['en', 'ru'] as const) {
        const result = await call<PdfResult>(dispatch, 'reports:pdf', {
          versionId: version.id,
          document,
          lang,
          taskId: `${document}.${lang}`,
        });
        printed.set(`${document}.${lang}`, result);
      }
    }
  }, 180_000);

  it('writes each PDF under <dataDir>/reports/<versionId>/ and reports its size, pages and hash', () => {
    for (const [key, result] of printed) {
      expect(result.path).toBe(path.join(app.dataDir, 'reports', version.id, `${key}.pdf`));
      expect(result.version).toBe(version.version);
      const bytes = readFileSync(result.path);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(result.size).toBe(bytes.length);
      expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(pagesOf(result.path)).toBe(result.pages);
    }
    // No temp files are left beside them.
    const dir = path.dirname(printed.get('control-plan.en')!.path);
    expect(poppler('ls', [dir]).split('\n').filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it.each(['en', 'ru'] as const)('the %s validation report has every section, the header and "page x of y"', (lang) => {
    const result = printed.get(`validation-report.${lang}`)!;
    const text = textOf(result.path);
    for (const title of SECTIONS[lang]) expect(text).toContain(title);
    expect(text).toContain(lang === 'en' ? `Case AEO-2026-0001` : 'Дело AEO-2026-0001');
    // A version prints once, and that PDF is the one a seal carries: it names the version, not draft or sealed.
    expect(text).toContain(lang === 'en' ? `version 1` : 'версия 1');
    expect(text).not.toMatch(lang === 'en' ? /\((draft|sealed)\)/ : /\((проект|утверждён|запечатан)\)/);
    expect(text).toContain(lang === 'en' ? `Page 2 of ${result.pages}` : `Стр. 2 из ${result.pages}`);
    // Cyrillic renders in both: the site name the validator typed, and the Russian labels.
    expect(text).toContain('Склад временного хранения №2');
    if (lang === 'ru') expect(text).toContain('Присвоить статус УЭО с условиями');
    else expect(text).toContain('Grant AEO status with conditions');
    expect(result.pages).toBeGreaterThanOrEqual(7);
  });

  it.each(['en', 'ru'] as const)('the %s control plan lists measures, the schedule and the re-evaluation date', (lang) => {
    const result = printed.get(`control-plan.${lang}`)!;
    const text = textOf(result.path);
    for (const title of CONTROL_PLAN_SECTIONS[lang]) expect(text).toContain(title);
    expect(text).toContain(lang === 'en' ? '2028-12-20' : '20.12.2028');
    expect(text).toContain('Тимур Ахметов');
    expect(text).toContain(lang === 'en' ? 'Unannounced visit' : 'Выезд без предварительного уведомления');
    expect(text).toContain(lang === 'en' ? '24 months' : '24 месяца');
    expect(result.pages).toBeGreaterThanOrEqual(2);
  });

  it('a missing or altered evidence file prints a placeholder naming its hash, and the rest still prints', () => {
    for (const lang of ['en', 'ru'] as const) {
      const raw = poppler('pdftotext', ['-enc', 'UTF-8', printed.get(`validation-report.${lang}`)!.path, '-']);
      const squeezed = raw.replace(/\s+/g, '');
      expect(squeezed).toContain(missing.sha256);
      expect(squeezed).toContain(altered.sha256);
      const text = raw.replace(/\s+/g, ' ');
      expect(text).toContain(lang === 'en' ? 'File missing or unreadable' : 'Файл отсутствует или не читается');
      expect(text).toContain(lang === 'en' ? 'File does not match its hash' : 'Файл не совпадает со своим хешем');
    }
  });

  it('reports progress under the caller’s task id: photos, render, write', () => {
    const phases = new Set(progress.filter((p) => p.taskId === 'validation-report.ru').map((p) => p.phase));
    expect([...phases]).toEqual(expect.arrayContaining(['images', 'render', 'write']));
    const images = progress.filter((p) => p.taskId === 'validation-report.ru' && p.phase === 'images').at(-1)!;
    expect(images.done).toBe(images.total);
    expect(images.total).toBe(fx.evidence.filter((e) => e.kind === 'photo').length + 2);
  });

  it.each(['validation-report.en', 'validation-report.ru', 'control-plan.en', 'control-plan.ru'])(
    'pdftoppm renders page 1 of %s (saved under test-results/pdf/)',
    async (key) => {
      const png = renderPage1(printed.get(key)!.path, `${key}.page1`);
      const meta = await sharp(png).metadata();
      // A4 (595 × 842 pt) at 60 dpi, give or take poppler's rounding.
      expect(Math.abs(meta.width! - 496)).toBeLessThanOrEqual(1);
      expect(Math.abs(meta.height! - 702)).toBeLessThanOrEqual(1);
      const { channels } = await sharp(png).stats();
      // Not a blank page: the title and contents leave dark pixels.
      expect(channels[0]!.min).toBeLessThan(100);
    },
  );
});

describe('an unfinished case', () => {
  it.each(['en', 'ru'] as const)('prints "not assessed" where data is missing instead of failing (%s)', async (lang) => {
    const report = await call<PdfResult>(dispatch, 'reports:pdf', { caseId: unfinished.caseId, document: 'validation-report', lang });
    const text = textOf(report.path);
    expect(text).toContain(lang === 'en' ? 'not assessed' : 'оценка не проведена');
    for (const title of SECTIONS[lang]) expect(text).toContain(title);
    const plan = await call<PdfResult>(dispatch, 'reports:pdf', { caseId: unfinished.caseId, document: 'control-plan', lang });
    const planText = textOf(plan.path);
    expect(planText).toContain(lang === 'en' ? 'not set' : 'нет данных');
    expect(existsSync(plan.path) && statSync(plan.path).size > 0).toBe(true);
  }, 60_000);

  it('printing by case reuses the latest version while nothing has changed, and freezes a new one after a change', async () => {
    const first = await call<PdfResult>(dispatch, 'reports:pdf', { caseId: unfinished.caseId, document: 'control-plan', lang: 'en' });
    const again = await call<PdfResult>(dispatch, 'reports:pdf', { caseId: unfinished.caseId, document: 'control-plan', lang: 'en' });
    expect(again.versionId).toBe(first.versionId);
    await call(dispatch, 'assessment:update', { caseId: unfinished.caseId, patch: { recommendation: 'postpone' } });
    const changed = await call<PdfResult>(dispatch, 'reports:pdf', { caseId: unfinished.caseId, document: 'control-plan', lang: 'en' });
    expect(changed.versionId).not.toBe(first.versionId);
    expect(changed.version).toBe(first.version + 1);
  }, 60_000);

  it('a bad request is invalid_input naming the field', async () => {
    const both = await dispatch('reports:pdf', { caseId: fx.caseId, versionId: fx.caseId, document: 'control-plan', lang: 'en' });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'caseId' }] } });
    const lang = await dispatch('reports:pdf', { caseId: fx.caseId, document: 'control-plan', lang: 'de' });
    expect(lang).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'lang' }] } });
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Content } from 'pdfmake/interfaces';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficialRecord } from '../../src-main/contract/official';
import type { Plan } from '../../src-main/contract/plan';
import type { PdfResult, ReportLanguage, ReportModel } from '../../src-main/contract/reports';
import { blobRoot } from '../../src-main/domains/evidence';
import { fontsDir } from '../../src-main/domains/reports';
import { styles } from '../../src-main/report/pdf-common';
import { validationReportDoc } from '../../src-main/report/validation-report-doc';
import { controlPlanDoc } from '../../src-main/report/control-plan-doc';
import { renderPdf } from '../../src-main/workers/pdf';
import { fileSource } from '../support/local-files';
import { strandedHeadings } from '../support/printed-pages';
import { buildReportFixture, type ReportFixture } from '../support/report-fixture';
import { call, openTestApp, tempDir, type TestApp } from '../support/temp-store';

/*
 * The official form as printed, checked with poppler in both languages: the issuing authority, legal basis,
 * registration number, look-back period, visits held, closing meeting with the operator's comments, conditions,
 * approving officials, the confidentiality marking on every page, times in the authority's zone and the method's
 * attribution (pdftotext); the control plan's measures on landscape pages (pdfinfo); no cover under three pages;
 * and no heading left as the last line of a page (pdftotext -layout, page by page, over layouts shifted line by line).
 */

const RESULTS = path.resolve('test-results', 'pdf');
const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
const textOf = (file: string) => run('pdftotext', ['-enc', 'UTF-8', '-nodiag', file, '-']).replace(/\s+/g, ' ');
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))![1]);
const pageText = (file: string, page: number) => run('pdftotext', ['-enc', 'UTF-8', '-nodiag', '-layout', '-f', String(page), '-l', String(page), file, '-']);

/** Width and height of every page, in points. */
function pageSizes(file: string): { width: number; height: number }[] {
  const out = run('pdfinfo', ['-f', '1', '-l', String(pageCount(file)), file]);
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

const MARKING = { en: 'FOR OFFICIAL USE ONLY', ru: 'ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ' };

let app: TestApp;
let fx: ReportFixture;
let short: ReportFixture;
const printed = new Map<string, PdfResult>();

beforeAll(async () => {
  app = openTestApp(undefined, { clock: () => new Date('2026-11-20T08:30:00Z') });
  fx = await buildReportFixture(app, { photos: 2 });
  short = await buildReportFixture(app, { caseNumber: 'AEO-2026-0002', photos: 0, findings: 0, unfinished: true });
  // The short case has its criteria concluded, so its control plan lists a few open items, not thirteen, and stays
  // under three pages.
  for (const criterion of 'ABCDEFGHIJKLM') {
    await call(app.dispatch, 'assessment:setConclusion', { caseId: short.caseId, criterion, conclusion: 'met', text: 'Seen on site.' });
  }

  const logo = path.join(tempDir('aeo-logo-'), 'emblem.png');
  await sharp({ create: { width: 300, height: 300, channels: 3, background: '#1F3A5F' } }).png().toFile(logo);
  await call(app.dispatch, 'authority:update', {
    name: { en: 'Almaty Regional Customs Department', ru: 'Департамент таможенного контроля по г. Алматы' },
    address: { en: '1 Customs Street, Almaty 050000', ru: '050000, г. Алматы, ул. Таможенная, 1' },
    legalBasis: { en: 'Customs Code of the Republic, article 433 (validation of AEO applicants).', ru: 'Таможенный кодекс Республики, статья 433 (валидация заявителей).' },
    confidentialityMarking: MARKING,
    registrationPattern: 'KZ-AEO-{YYYY}-{SEQ:4}',
    timeZone: 'Asia/Almaty',
  });
  await call(app.dispatch, 'authority:importLogo', { source: fileSource(logo) });
  await call(app.dispatch, 'official:assignNumber', { caseId: fx.caseId });
  await call(app.dispatch, 'application:update', { caseId: fx.caseId, reference: 'APP-2026-117', receivedOn: '2026-10-01' });
  await call(app.dispatch, 'official:update', {
    caseId: fx.caseId,
    lookBackFrom: '2023-11-01',
    lookBackTo: '2026-10-31',
    closingMeetingOn: '2026-11-12',
    closingAttendees: 'Aigerim Sadykova, Dana Validator',
    operatorComments: 'Camera at the rear gate to be fitted by 2027-01-31.',
    conditions: 'The rear gate is guarded around the clock.',
    approvers: [{ name: 'Yerlan Bekov', position: 'Head of the AEO Division' }],
  });
  await call(app.dispatch, 'assessment:update', { caseId: fx.caseId, patch: { recommendation: 'grant_with_conditions' } });
  const plan = await call<Plan>(app.dispatch, 'plan:get', { caseId: fx.caseId });
  await call<OfficialRecord>(app.dispatch, 'official:recordVisit', { caseId: fx.caseId, visitId: plan.visits[0]!.id, heldOn: '2026-11-11', startTime: '09:30', endTime: '16:00' });

  for (const [caseId, name] of [[fx.caseId, 'full'], [short.caseId, 'short']] as const) {
    for (const document of ['validation-report', 'control-plan'] as const) {
      for (const lang of ['en', 'ru'] as const) {
        printed.set(`${name}.${document}.${lang}`, await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId, document, lang }));
      }
    }
  }
  // For a person to look at: every page of the full case's documents at 50 dpi.
  mkdirSync(RESULTS, { recursive: true });
  for (const [key, pdf] of printed) execFileSync('pdftoppm', ['-r', '50', '-png', pdf.path, path.join(RESULTS, `official-${key}`)]);
}, 300_000);
afterAll(() => app.dispose());

const EXPECTED = {
  en: [
    'Almaty Regional Customs Department',
    '1 Customs Street, Almaty 050000',
    'Registration number',
    'KZ-AEO-2026-0001',
    'Legal basis',
    'article 433',
    'Look-back period examined',
    '2023-11-01 – 2026-10-31',
    'Visits carried out',
    '2026-11-11',
    '09:30–16:00',
    'Closing meeting',
    'Comments of the operator',
    'Camera at the rear gate to be fitted by 2027-01-31.',
    'Conditions proposed by the validators',
    'The rear gate is guarded around the clock.',
    'Application reference APP-2026-117',
    'Application received on 2026-10-01',
    'Approval',
    'Yerlan Bekov',
    'Head of the AEO Division',
    "Times are given in the authority's time zone (Asia/Almaty).",
  ],
  ru: [
    'Департамент таможенного контроля по г. Алматы',
    'Регистрационный номер',
    'KZ-AEO-2026-0001',
    'Правовое основание',
    'статья 433',
    'Проверяемый период',
    '01.11.2023 – 31.10.2026',
    'Проведённые выезды',
    '11.11.2026',
    'Заключительное совещание',
    'Замечания оператора',
    'Camera at the rear gate to be fitted by 2027-01-31.',
    'Условия, предлагаемые валидаторами',
    'Номер заявления APP-2026-117',
    'Дата получения заявления 01.10.2026',
    'Утверждение',
    'Yerlan Bekov',
    'Время указано по часовому поясу таможенного органа (Asia/Almaty).',
  ],
} as const;

describe.each(['en', 'ru'] as const)('the official form in %s', (lang: ReportLanguage) => {
  it.each(['validation-report', 'control-plan'] as const)('%s carries every element of the official form', (document) => {
    const text = textOf(printed.get(`full.${document}.${lang}`)!.path);
    for (const expected of EXPECTED[lang]) expect(text, expected).toContain(expected);
  });

  it.each(['validation-report', 'control-plan'] as const)('%s prints the confidentiality marking at the top and foot of every page', (document) => {
    const file = printed.get(`full.${document}.${lang}`)!.path;
    for (let page = 1; page <= pageCount(file); page++) {
      const lines = pageText(file, page).split('\n').map((l) => l.trim()).filter(Boolean);
      expect(lines[0], `page ${page}`).toBe(MARKING[lang]);
      expect(lines.at(-1), `page ${page}`).toBe(MARKING[lang]);
    }
  });

  it('prints times in the authority time zone and attributes the nine steps to the CAREC / WCO validator guidance', () => {
    const text = textOf(printed.get(`full.validation-report.${lang}`)!.path);
    // Every time printed carries Almaty's offset (UTC+5), never a bare UTC.
    expect(text).toMatch(lang === 'en' ? /\d{4}-\d\d-\d\d \d\d:\d\d UTC\+5/ : /\d\d\.\d\d\.\d{4} \d\d:\d\d UTC\+5/);
    expect(text).not.toMatch(/\d\d:\d\d UTC(?![+-])/);
    expect(text).toContain(lang === 'en' ? 'nine validation steps of the CAREC / WCO validator guidance' : 'руководством ЦАРЭС / ВТамО для валидаторов');
    expect(text).not.toContain(lang === 'en' ? 'steps of the WCO SAFE Framework' : 'предусмотренных Рамочными стандартами');
  });

  it('puts the control plan measures table on landscape pages and the rest on portrait A4', () => {
    const file = printed.get(`full.control-plan.${lang}`)!.path;
    const sizes = pageSizes(file);
    const landscape = sizes.flatMap((s, i) => (s.width > s.height ? [i + 1] : []));
    expect(landscape.length).toBeGreaterThan(0);
    for (const page of landscape) {
      expect(pageText(file, page)).toContain(lang === 'en' ? 'Monitoring measure' : 'Мер');
    }
    const portrait = sizes.filter((s) => s.width < s.height);
    expect(portrait.length).toBeGreaterThan(0);
    for (const s of [...portrait]) expect([Math.round(s.width), Math.round(s.height)]).toEqual([595, 842]);
    const schedulePage = sizes.findIndex((_, i) => pageText(file, i + 1).includes(lang === 'en' ? 'Schedule' : 'График'));
    expect(sizes[schedulePage]!.width).toBeLessThan(sizes[schedulePage]!.height);
  });

  it('prints no cover and contents page for a document under three pages, and keeps them for a longer one', () => {
    const shortPlan = printed.get(`short.control-plan.${lang}`)!.path;
    // Under three pages of its own: with the cover it would have fit in three pages, so it is printed without one.
    expect(pageCount(shortPlan)).toBeLessThanOrEqual(3);
    expect(textOf(shortPlan)).not.toContain(lang === 'en' ? 'Contents' : 'Содержание');
    const report = printed.get(`full.validation-report.${lang}`)!.path;
    expect(pageCount(report)).toBeGreaterThanOrEqual(4);
    expect(pageText(report, 1)).toContain(lang === 'en' ? 'Contents' : 'Содержание');
  });
});

it('prints placeholders for missing values plain, not as coloured italics', () => {
  expect(styles.missing).toEqual({});
});

/**
 * Every heading's text in a document definition: those the page frame's rule checks (a headline level) and those
 * kept in one block with the start of their section (keep-with-next.ts marks them `keptHeadline`).
 */
function headingTexts(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => headingTexts(n, out));
  else if (node && typeof node === 'object') {
    const n = node as { headlineLevel?: number; keptHeadline?: number; text?: unknown };
    if ((n.headlineLevel ?? n.keptHeadline) !== undefined && typeof n.text === 'string') out.add(n.text.trim());
    Object.values(node).forEach((v) => headingTexts(v, out));
  }
  return out;
}

/** Headings with a headline level inside an unbreakable block (where a page break pdfmake adds drops the block). */
function headlinesInBlocks(node: unknown, inBlock = false, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => headlinesInBlocks(n, inBlock, out));
  else if (node && typeof node === 'object') {
    const n = node as { headlineLevel?: number; text?: unknown; unbreakable?: boolean };
    if (inBlock && n.headlineLevel !== undefined) out.push(String(n.text));
    Object.values(node).forEach((v) => headlinesInBlocks(v, inBlock || n.unbreakable === true, out));
  }
  return out;
}

describe('no heading is the last line of a page', () => {
  it('gives no heading inside an unbreakable block a headline level, so no block is dropped at a page break', async () => {
    const { model } = await call<{ model: ReportModel }>(app.dispatch, 'reports:getVersion', { id: printed.get('full.validation-report.en')!.versionId });
    for (const lang of ['en', 'ru'] as const) {
      const report = validationReportDoc({ model, lang, meta: { version: 1 }, images: {} });
      const plan = controlPlanDoc({ model, lang, meta: { version: 1 } });
      expect(headlinesInBlocks(report.content)).toEqual([]);
      expect(headlinesInBlocks(plan.content)).toEqual([]);
    }
  });

  const FOOTER = /^(Page \d+ of \d+|Страница \d+ из \d+)$|\s{2,}(Page|Страница) \d+/;

  /** The last line of the page body: the marking, running header and footer left out. */
  function lastBodyLine(file: string, page: number, marking: string): string {
    const lines = pageText(file, page)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && l !== marking && !FOOTER.test(l) && !l.includes('\f'));
    return lines.at(-1) ?? '';
  }

  it('holds over layouts shifted a paragraph at a time, in both languages and both documents', async () => {
    const modelOf = async (key: string) =>
      (await call<{ model: ReportModel }>(app.dispatch, 'reports:getVersion', { id: printed.get(key)!.versionId })).model;
    const models = { full: await modelOf('full.validation-report.en'), short: await modelOf('short.control-plan.en') };
    const out = tempDir('aeo-headings-');
    let checkedPages = 0;
    for (const lang of ['en', 'ru'] as const) {
      for (const [name, model] of Object.entries(models)) {
      for (let extra = 0; extra < (name === 'full' ? 6 : 3); extra++) {
        // Each variant pushes everything after "matters of significance" down by a few lines.
        const shifted: ReportModel = {
          ...model,
          mattersOfSignificance: Array.from({ length: extra * 2 + 1 }, (_, i) => `Matter ${i + 1}: the operator's records were examined line by line.`).join('\n\n'),
        };
        for (const document of ['validation-report', 'control-plan'] as const) {
          const file = path.join(out, `${name}-${document}-${lang}-${extra}.pdf`);
          await renderPdf({ document, model: shifted, lang, meta: { version: 1 }, outPath: file, fontsDir: fontsDir(), blobRoot: blobRoot(app.store), photos: {} });
          const doc = document === 'validation-report'
            ? validationReportDoc({ model: shifted, lang, meta: { version: 1 }, images: {} })
            : controlPlanDoc({ model: shifted, lang, meta: { version: 1 } });
          const headings = headingTexts(doc.content as Content);
          expect(headings.size).toBeGreaterThan(3);
          // Whichever page they fall on, the signature and approval blocks are printed.
          const whole = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
          for (const approver of shifted.official?.approvers ?? []) expect(whole, `${name} ${document} ${lang} +${extra}`).toContain(approver.name);
          for (let page = 1; page <= pageCount(file); page++) {
            const last = lastBodyLine(file, page, MARKING[lang]);
            expect(headings.has(last), `${name} ${document} ${lang} +${extra}: page ${page} ends with the heading "${last}"`).toBe(false);
            checkedPages += 1;
          }
          // Read from the printed page (font, not document definition): nor with only a line of what it introduces.
          expect(strandedHeadings(file, { top: 60, bottom: 50 }), `${name} ${document} ${lang} +${extra}`).toEqual([]);
        }
      }
      }
    }
    expect(checkedPages).toBeGreaterThan(50);
  }, 300_000);
});

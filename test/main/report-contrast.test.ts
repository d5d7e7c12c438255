import type { Content, StyleDictionary, TDocumentDefinitions } from 'pdfmake/interfaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src-main/contract/reports';
import { controlPlanDoc } from '../../src-main/report/control-plan-doc';
import type { RiskLevel } from '../../src-main/contract/risk-scale';
import { reportStrings } from '../../src-main/report/i18n';
import { LEVEL_COLORS, styles } from '../../src-main/report/pdf-common';
import type { ReportImages } from '../../src-main/report/validation-report-annexes';
import { validationReportDoc } from '../../src-main/report/validation-report-doc';
import { contrast } from '../support/contrast';
import { buildReportFixture } from '../support/report-fixture';
import { call, openTestApp, type TestApp } from '../support/temp-store';

/**
 * Issue 15 for the printed documents: no text on a fill below 4.5:1. Both PDFs of a finished case and of one still
 * in progress (its "not assessed" placeholders), in both languages, are walked as pdfmake documents: each piece of
 * text with the colour it inherits (style, then its own) on the fill behind it (table cell, style fill, or the
 * white page), headers and footers included. Each level-coloured cell must also say its level.
 */
const MIN = 4.5;
const PAGE = '#ffffff';
const INK = '#000000';

type Seen = { fg: string; bg: string; example: string };
type LevelCell = { level: string; text: string };

const levelOfFill = new Map(Object.entries(LEVEL_COLORS).map(([level, fill]) => [fill, level]));

/** All the text under a node, joined. */
function textUnder(node: unknown): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textUnder).join('');
  if (node === null || typeof node !== 'object') return '';
  const n = node as Record<string, unknown>;
  return ['text', 'stack', 'columns'].map((key) => textUnder(n[key])).join('');
}

function styleOf(dict: StyleDictionary, names: unknown): { color?: string; fillColor?: string } {
  const list = Array.isArray(names) ? names : names === undefined ? [] : [names];
  const out: { color?: string; fillColor?: string } = {};
  for (const name of list) {
    const style = typeof name === 'string' ? dict[name] : (name as { color?: string; fillColor?: string });
    if (style?.color) out.color = String(style.color);
    if (style?.fillColor) out.fillColor = String(style.fillColor);
  }
  return out;
}

/** Every text the document prints, with the colour and fill it is printed in. */
function textPairs(doc: TDocumentDefinitions, levelCells: LevelCell[] = []): Seen[] {
  const dict = doc.styles ?? {};
  const seen: Seen[] = [];
  const walk = (node: unknown, fg: string, bg: string): void => {
    if (node === null || node === undefined || typeof node === 'function') return;
    if (typeof node === 'string' || typeof node === 'number') {
      if (String(node).trim() !== '') seen.push({ fg, bg, example: String(node).slice(0, 40) });
      return;
    }
    if (Array.isArray(node)) return node.forEach((child) => walk(child, fg, bg));
    if (typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const style = styleOf(dict, n.style);
    const color = (n.color as string | undefined) ?? style.color ?? fg;
    const fill = (n.fillColor as string | undefined) ?? style.fillColor ?? bg;
    const level = typeof n.fillColor === 'string' ? levelOfFill.get(n.fillColor) : undefined;
    if (level) levelCells.push({ level, text: textUnder(n) });
    for (const key of ['text', 'stack', 'columns', 'ul', 'ol']) walk(n[key], color, fill);
    const table = n.table as { body?: unknown[][] } | undefined;
    table?.body?.forEach((row) => row.forEach((cell) => walk(cell, color, fill)));
    const toc = n.toc as { title?: unknown } | undefined;
    walk(toc?.title, color, fill);
  };
  const defaults = styleOf(dict, [doc.defaultStyle ?? {}]);
  const fg = defaults.color ?? INK;
  walk(doc.content as Content, fg, PAGE);
  for (const part of [doc.header, doc.footer]) {
    // Header and footer take the page size since landscape pages hold the control plan's measures.
    const a4 = { width: 595.28, height: 841.89, orientation: 'portrait' };
    if (typeof part === 'function') walk((part as (page: number, pages: number, size: typeof a4) => unknown)(2, 3, a4), fg, PAGE);
  }
  return seen;
}

let app: TestApp;
const models: { name: string; model: ReportModel; images: ReportImages }[] = [];

beforeAll(async () => {
  app = openTestApp();
  const finished = await buildReportFixture(app, { photos: 3 });
  const unfinished = await buildReportFixture(app, { caseNumber: 'AEO-2026-0002', photos: 0, findings: 0, unfinished: true });
  for (const [name, fx] of [
    ['finished', finished],
    ['unfinished', unfinished],
  ] as const) {
    const model = await call<ReportModel>(app.dispatch, 'reports:model', { caseId: fx.caseId });
    // The annex's placeholder boxes, one of each kind, instead of photos.
    const kinds = ['missing', 'altered', 'document'] as const;
    const images: ReportImages = Object.fromEntries(model.evidence.map((e, i) => [e.id, { status: kinds[i % 3]! }]));
    models.push({ name, model, images });
  }
}, 120_000);
afterAll(() => app.dispose());

describe('printed PDF colours', () => {
  it('prints every text of both documents, both languages, at 4.5:1 or more on its fill', () => {
    const failing = new Map<string, string>();
    const levelCells: (LevelCell & { lang: 'en' | 'ru' })[] = [];
    let pieces = 0;
    const fills = new Set<string>();
    for (const { name, model, images } of models) {
      for (const lang of ['en', 'ru'] as const) {
        const meta = { version: 1 } as const;
        for (const [doc, defn] of [
          ['validation report', validationReportDoc({ model, lang, meta, images })],
          ['control plan', controlPlanDoc({ model, lang, meta })],
        ] as const) {
          const cells: LevelCell[] = [];
          for (const p of textPairs(defn, cells)) {
            pieces += 1;
            fills.add(p.bg.toUpperCase());
            const ratio = contrast(p.fg, p.bg);
            if (ratio < MIN) failing.set(`${p.fg} on ${p.bg}`, `${ratio.toFixed(2)}:1, e.g. "${p.example}" (${doc}, ${name}, ${lang})`);
          }
          levelCells.push(...cells.map((c) => ({ ...c, lang })));
        }
      }
    }
    // The walk saw the documents: many texts, the level cells and the tinted header rows among the fills.
    expect(pieces).toBeGreaterThan(500);
    expect([...fills]).toEqual(expect.arrayContaining(Object.values(LEVEL_COLORS).map((c) => c.toUpperCase())));
    expect(Object.fromEntries(failing)).toEqual({});
    // Never colour alone: every level-coloured cell names its level, in words or by its initial on a line of its own.
    const unnamed = levelCells.filter(({ level, lang, text }) => {
      const word = reportStrings[lang].riskLevels[level as RiskLevel];
      return !text.includes(word) && !text.includes(`\n${word.charAt(0).toUpperCase()}`);
    });
    expect(levelCells.length).toBeGreaterThan(100);
    expect(unnamed.slice(0, 5)).toEqual([]);
  });

  it('keeps every style colour readable on every level fill and tint it could be printed on', () => {
    const textColors = new Set([INK, ...Object.values(styles).flatMap((s) => (s.color ? [String(s.color)] : []))]);
    const fills = [PAGE, ...Object.values(LEVEL_COLORS), ...Object.values(styles).flatMap((s) => (s.fillColor ? [String(s.fillColor)] : []))];
    const failing: string[] = [];
    for (const fg of textColors) {
      for (const bg of fills) {
        const ratio = contrast(fg, bg);
        if (ratio < MIN) failing.push(`${fg} on ${bg}: ${ratio.toFixed(2)}:1`);
      }
    }
    expect(failing).toEqual([]);
  });
});

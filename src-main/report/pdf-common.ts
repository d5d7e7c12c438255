import type {
  Content,
  CustomTableLayout,
  StyleDictionary,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces';
import type { ReportLanguage, ReportModel } from '../contract/reports';
import type { RiskLevel, RiskMatrix } from '../contract/risk-scale';
import { formatTimestamp, reportStrings, type ReportStrings } from './i18n';

/*
 * Layout pieces shared by the validation report and the control plan: A4 page frame (header with case number
 * and report version, footer "page x of y"), styles, the table layout, level colours and the 5×5 grids. Pure:
 * document definitions only, no I/O.
 */

export const FONT_FAMILY = 'PTSans';

/** Which frozen version the document prints, for the header. `null` version: a preview that was not saved. */
/**
 * What a PDF says about its version. Not whether it is sealed: a version prints once and its PDF is the one a seal
 * carries (issue 14), so the same bytes serve before and after sealing; the bundle's signature proves the seal.
 */
export type DocMeta = { version: number | null; createdAt?: string };

/**
 * Level fills: the traffic-light bands, light enough that every text colour below keeps 4.5:1 on them (WCAG AA,
 * test/main/report-contrast.test.ts), and each level cell also says its level in words or by its initial.
 */
export const LEVEL_COLORS: Record<RiskLevel, string> = {
  low: '#BFE1B9',
  medium: '#FFE49A',
  high: '#F9C08A',
  critical: '#F4A29C',
};

/** Text colours: headings navy, secondary text dark grey, "not assessed" placeholders dark amber. */
export const INK = { heading: '#1F3A5F', muted: '#444444', missing: '#5C4210', mono: '#333333' } as const;

export const styles: StyleDictionary = {
  title: { fontSize: 24, bold: true, margin: [0, 80, 0, 8], color: INK.heading },
  subtitle: { fontSize: 12, color: INK.muted, margin: [0, 0, 0, 24] },
  coverKey: { fontSize: 10, color: INK.muted },
  coverValue: { fontSize: 11, bold: true },
  h1: { fontSize: 15, bold: true, color: INK.heading, margin: [0, 14, 0, 6] },
  h2: { fontSize: 11.5, bold: true, color: INK.heading, margin: [0, 10, 0, 4] },
  tocTitle: { fontSize: 14, bold: true, color: INK.heading, margin: [0, 24, 0, 8] },
  tableHeader: { bold: true, fontSize: 8.5, color: INK.heading, fillColor: '#E8EDF3' },
  small: { fontSize: 8 },
  tiny: { fontSize: 7 },
  muted: { color: INK.muted },
  missing: { italics: true, color: INK.missing },
  paragraph: { margin: [0, 0, 0, 6], lineHeight: 1.15 },
  header: { fontSize: 8, color: INK.muted },
  footer: { fontSize: 8, color: INK.muted },
  mono: { fontSize: 7, color: INK.mono },
};

/** Thin grey rules, a tinted header row, room to breathe in cells. */
export const tableLayout: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#B8C2CC',
  vLineColor: () => '#B8C2CC',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};
export const TABLE_LAYOUT = 'aeo';

export type Ctx = { lang: ReportLanguage; t: ReportStrings; model: ReportModel };

export const contextFor = (model: ReportModel, lang: ReportLanguage): Ctx => ({ lang, t: reportStrings[lang], model });

/** "not assessed", set apart so a reader sees at once that data is missing. */
export const notAssessed = (t: ReportStrings): Content => ({ text: t.notAssessed, style: 'missing' });
export const notSet = (t: ReportStrings): Content => ({ text: t.notSet, style: 'missing' });

/** Text, or the "not assessed" marker when there is none. */
export function textOr(t: ReportStrings, text: string | null | undefined, fallback: 'assessed' | 'set' = 'assessed'): Content {
  if (text && text.trim() !== '') return { text };
  return fallback === 'set' ? notSet(t) : notAssessed(t);
}

/** Paragraphs of free text, one per blank-line-separated block. */
export function paragraphs(text: string): Content[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => ({ text: p, style: 'paragraph' }));
}

export const heading = (text: string, number: number): Content => ({
  text: `${number}. ${text}`,
  style: 'h1',
  headlineLevel: 1,
  tocItem: true,
  tocMargin: [0, 2, 0, 0],
});

export const subheading = (text: string): Content => ({ text, style: 'h2', headlineLevel: 2 });

/** A table whose header row repeats on each page and whose rows never split across pages. */
export function dataTable(
  header: string[],
  rows: TableCell[][],
  widths: (number | string)[],
  options: { fontSize?: number } = {},
): Content {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      keepWithHeaderRows: 1,
      widths,
      body: [header.map((text) => ({ text, style: 'tableHeader' })), ...rows],
    },
    layout: TABLE_LAYOUT,
    fontSize: options.fontSize ?? 8.5,
    margin: [0, 2, 0, 8],
  };
}

/** Two-column key/value table (labels on the left). */
export function keyValueTable(rows: [string, Content][]): Content {
  return {
    table: {
      dontBreakRows: true,
      widths: [150, '*'],
      body: rows.map(([key, value]) => [{ text: key, style: 'muted' }, value] as TableCell[]),
    },
    layout: TABLE_LAYOUT,
    fontSize: 9,
    margin: [0, 2, 0, 8],
  };
}

export const levelCell = (t: ReportStrings, level: RiskLevel, prefix = ''): TableCell => ({
  text: `${prefix}${t.riskLevels[level]}`,
  fillColor: LEVEL_COLORS[level],
});

/**
 * A 5×5 grid as a table: likelihood 5 at the top down to 1, consequence 1 to 5 left to right, each cell
 * coloured by its level. `content(l, c)` fills a cell; under it goes the level's initial, unless the content
 * names the level itself (`initials: false`).
 */
export function gridTable(
  t: ReportStrings,
  matrix: RiskMatrix,
  title: string,
  content: (likelihood: number, consequence: number) => string,
  cellSize = 30,
  initials = true,
): Content {
  const rows: TableCell[][] = [];
  for (let l = 5; l >= 1; l--) {
    const row: TableCell[] = [{ text: String(l), bold: true, alignment: 'center', margin: [0, cellSize / 2 - 7, 0, 0] }];
    for (let c = 1; c <= 5; c++) {
      const level = matrix[l - 1]![c - 1]!;
      // The level's initial under the content: the bands read without telling the colours apart.
      row.push({
        text: initials
          ? [content(l, c), { text: `\n${t.riskLevels[level].charAt(0).toUpperCase()}`, fontSize: 6, bold: true }]
          : content(l, c),
        fillColor: LEVEL_COLORS[level],
        alignment: 'center',
        fontSize: 7,
      });
    }
    rows.push(row);
  }
  rows.push([
    { text: t.risk.axisCorner, fontSize: 6.5, color: INK.muted, alignment: 'center' },
    ...[1, 2, 3, 4, 5].map((c): TableCell => ({ text: String(c), bold: true, alignment: 'center' })),
  ]);
  return {
    unbreakable: true,
    stack: [
      ...(title ? [{ text: title, bold: true, fontSize: 9, margin: [0, 0, 0, 3] }] : []),
      {
        table: {
          widths: [18, cellSize, cellSize, cellSize, cellSize, cellSize],
          heights: (row: number) => (row < 5 ? cellSize : 'auto'),
          body: rows,
        },
        layout: TABLE_LAYOUT,
        fontSize: 8,
      },
      { text: t.risk.axes, fontSize: 7, color: INK.muted, margin: [0, 2, 0, 0] },
    ],
  } as Content;
}

/** "version 3", or "preview, not saved" for a model that was never frozen. */
export const versionText = (t: ReportStrings, meta: DocMeta) => (meta.version === null ? t.preview : t.versionLabel(meta.version));

export type FrameOptions = {
  ctx: Ctx;
  meta: DocMeta;
  documentTitle: string;
  content: Content[];
  /** Called with the final page count, which only the footer learns. */
  onPageCount?: (pages: number) => void;
};

/** A4 page frame: header with document, case number and version; footer "page x of y". */
export function frame({ ctx, meta, documentTitle, content, onPageCount }: FrameOptions): TDocumentDefinitions {
  const { t, model } = ctx;
  const version = versionText(t, meta);
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [40, 56, 40, 46],
    info: {
      title: `${documentTitle} — ${model.case.caseNumber}`,
      subject: `${model.operator.legalName}, ${version}`,
      creator: 'AEO Field Validator',
      producer: 'AEO Field Validator (pdfmake)',
      ...(meta.createdAt ? { creationDate: new Date(meta.createdAt) } : {}),
    },
    language: ctx.lang === 'ru' ? 'ru-RU' : 'en-GB',
    defaultStyle: { font: FONT_FAMILY, fontSize: 9.5, lineHeight: 1.1 },
    styles,
    header: (currentPage: number) =>
      currentPage === 1
        ? null
        : {
            margin: [40, 22, 40, 0],
            stack: [
              {
                columns: [
                  { text: `${documentTitle} · ${t.caseLabel} ${model.case.caseNumber}`, style: 'header' },
                  { text: version, style: 'header', alignment: 'right' },
                ],
              },
              { canvas: [{ type: 'line', x1: 0, y1: 4, x2: 515, y2: 4, lineWidth: 0.5, lineColor: '#B8C2CC' }] },
            ],
          },
    footer: (currentPage: number, pageCount: number) => {
      onPageCount?.(pageCount);
      return {
        margin: [40, 14, 40, 0],
        columns: [
          { text: model.operator.legalName, style: 'footer' },
          { text: t.page(currentPage, pageCount), style: 'footer', alignment: 'right' },
        ],
      };
    },
    content,
    // A heading is never left at the foot of a page: near the bottom it moves to the next page with what it
    // introduces. A table needs more room (its header and first row move together), so a heading before one
    // moves sooner. pdfmake's node queries cannot say whether the table really fits: a table that moved whole
    // to the next page still reports its first rows on this one.
    pageBreakBefore: (node, queries) => {
      if (node.headlineLevel === undefined) return false;
      const next = queries.getFollowingNodesOnPage()[0];
      const beforeTable = next?.table !== undefined;
      const limit = node.headlineLevel === 1 ? (beforeTable ? 0.74 : 0.84) : beforeTable ? 0.8 : 0.88;
      return node.startPosition.verticalRatio > limit;
    },
  };
}

/** Cover block: title, subtitle, operator, case and version. */
export function cover(ctx: Ctx, meta: DocMeta, title: string): Content[] {
  const { t, model, lang } = ctx;
  const version = versionText(t, meta);
  return [
    { text: title, style: 'title' },
    { text: t.subtitle, style: 'subtitle' },
    {
      table: {
        widths: [150, '*'],
        body: [
          [{ text: t.operator.legalName, style: 'coverKey' }, { text: model.operator.legalName, style: 'coverValue' }],
          [{ text: t.caseLabel, style: 'coverKey' }, { text: model.case.caseNumber, style: 'coverValue' }],
          [{ text: t.operator.aeoType, style: 'coverKey' }, { text: t.aeoTypes[model.case.aeoType], style: 'coverValue' }],
          [{ text: t.operator.leadValidator, style: 'coverKey' }, { text: model.case.leadValidator, style: 'coverValue' }],
          [{ text: t.composedAt, style: 'coverKey' }, { text: formatTimestamp(model.composedAt, lang), style: 'coverValue' }],
          [{ text: t.versionKey, style: 'coverKey' }, { text: version, style: 'coverValue' }],
        ],
      },
      layout: 'noBorders',
    },
    { toc: { title: { text: t.contents, style: 'tocTitle' }, textStyle: { fontSize: 10 }, numberStyle: { fontSize: 10 } } },
  ];
}

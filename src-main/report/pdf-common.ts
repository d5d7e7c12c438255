import type {
  Content,
  CustomTableLayout,
  StyleDictionary,
  TableCell,
} from 'pdfmake/interfaces';
import type { ReportLanguage, ReportModel } from '../contract/reports';
import type { RiskLevel, RiskMatrix } from '../contract/risk-scale';
import { formatTimestamp, reportStrings, type ReportStrings } from './i18n';
import { officialStrings, type OfficialStrings } from './i18n-official';

/*
 * Layout pieces shared by the validation report and the control plan (the page frame and cover are in
 * pdf-frame.ts): styles, the table layout, level colours and the 5×5 grids. Pure:
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

/** Text colours: headings navy, secondary text dark grey. */
export const INK = { heading: '#1F3A5F', muted: '#444444', mono: '#333333' } as const;

export const styles: StyleDictionary = {
  title: { fontSize: 24, bold: true, margin: [0, 80, 0, 8], color: INK.heading },
  subtitle: { fontSize: 12, color: INK.muted, margin: [0, 0, 0, 24] },
  coverKey: { fontSize: 10, color: INK.muted },
  coverValue: { fontSize: 11, bold: true },
  h1: { fontSize: 15, bold: true, color: INK.heading, margin: [0, 14, 0, 6] },
  h2: { fontSize: 11.5, bold: true, color: INK.heading, margin: [0, 10, 0, 4] },
  tocTitle: { fontSize: 14, bold: true, color: INK.heading, margin: [0, 16, 0, 6] },
  tableHeader: { bold: true, fontSize: 8.5, color: INK.heading, fillColor: '#E8EDF3' },
  small: { fontSize: 8 },
  tiny: { fontSize: 7 },
  muted: { color: INK.muted },
  // Placeholders for missing values read as plain text: an official document does not shout about its gaps.
  missing: {},
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

export type Ctx = {
  lang: ReportLanguage;
  t: ReportStrings;
  /** The official form's strings (issuing authority, registration, approvals). */
  o: OfficialStrings;
  model: ReportModel;
  /** The issuing authority's IANA time zone: every printed time is local to it. */
  timeZone: string;
};

export const contextFor = (model: ReportModel, lang: ReportLanguage): Ctx => ({
  lang,
  t: reportStrings[lang],
  o: officialStrings[lang],
  model,
  timeZone: model.official?.authority.timeZone ?? 'UTC',
});

/** A stored UTC timestamp as printed: in the authority's time zone, to the minute. */
export const stamp = (ctx: Ctx, timestamp: string) => formatTimestamp(timestamp, ctx.lang, ctx.timeZone);

/** The confidentiality marking in the document's language, or '' when the authority sets none. */
export const markingOf = (ctx: Ctx) => ctx.model.official?.authority.confidentialityMarking[ctx.lang].trim() ?? '';

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

/**
 * A heading that opens an unbreakable block (signatures, approvals, the risk matrix): the block keeps it with what
 * follows, so it carries no headline level. `pageBreakBefore` must never see it: a page break pdfmake adds inside
 * an unbreakable block drops the whole block (the approvals vanished, leaving a blank page).
 */
export const blockHeading = (text: string, number: number): Content => ({ text: `${number}. ${text}`, style: 'h1', tocItem: true, tocMargin: [0, 1, 0, 0] });
export const blockSubheading = (text: string): Content => ({ text, style: 'h2' });

export const heading = (text: string, number: number): Content => ({ ...(blockHeading(text, number) as object), headlineLevel: 1 }) as Content;
export const subheading = (text: string): Content => ({ ...(blockSubheading(text) as object), headlineLevel: 2 }) as Content;

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

/**
 * `items` as a data table, one row each, or the sentence `none` when there are none: an empty table would print
 * only its header row.
 */
export function dataTableOrNone<T>(
  items: readonly T[],
  none: string,
  header: string[],
  row: (item: T) => TableCell[],
  widths: (number | string)[],
  options: { fontSize?: number } = {},
): Content {
  return items.length === 0 ? { text: none, style: 'paragraph' } : dataTable(header, items.map(row), widths, options);
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
 * A risk's level cell, inherent or residual alike: "likelihood × consequence = score" over the level, so the two
 * read side by side the same way. Null ratings (a residual not yet rated) print the plain placeholder.
 */
export function riskLevelCell(t: ReportStrings, likelihood: number | null, consequence: number | null, rated: { score: number; level: RiskLevel } | null): TableCell {
  if (!rated) return notAssessed(t) as TableCell;
  const product = likelihood !== null && consequence !== null ? `${likelihood} × ${consequence} = ${rated.score}` : String(rated.score);
  return levelCell(t, rated.level, `${product}\n`);
}

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

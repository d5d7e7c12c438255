import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportStrings } from './i18n';
import { keepHeadingsWithNext } from './keep-with-next';
import { FONT_FAMILY, INK, markingOf, notSet, stamp, styles, type Ctx, type DocMeta } from './pdf-common';

/*
 * The frame every printed document shares: the A4 page with its running header, footer and confidentiality
 * marking, and the first page (the issuing authority's block and the cover table). The pieces inside the pages
 * are in pdf-common.ts. Pure: document definitions only, no I/O.
 */

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

const MARGIN_X = 40;

/** What pdfmake tells the header and footer of the page being drawn (its width changes on landscape pages). */
type PageSizeArg = { width: number; height: number };

/** Styles of the running header and footer, which pdfmake lists among a page's nodes but are not the body. */
const FRAME_STYLES = new Set(['header', 'footer', 'marking']);

type NodeSeen = {
  headlineLevel?: unknown;
  text?: unknown;
  image?: unknown;
  table?: unknown;
  style?: unknown;
  pageNumbers?: number[];
  startPosition?: { verticalRatio?: number; pageInnerHeight?: number };
};

/**
 * Room a heading needs below its top to be worth leaving where it is when its section goes on over the page: the
 * heading itself and about three lines of what it introduces (72 pt, an inch). Less, and a lead-in sentence or one
 * row of particulars would be all of the section on that page.
 */
const MIN_ROOM = 72;

const isFrame = (n: NodeSeen) => typeof n.style === 'string' && FRAME_STYLES.has(n.style);
const topOf = (n: NodeSeen) => n.startPosition?.verticalRatio ?? 0;
const isHeading = (n: NodeSeen) => n.headlineLevel !== undefined || n.style === 'h1' || n.style === 'h2';

/**
 * Whether a heading would be left at the foot of its page, with nothing or next to nothing of what it introduces:
 * - nothing of its own follows it there (a text line or an image; not the page's running header and footer, nor a
 *   table's header row alone, nor the headings after it, which move with it); or
 * - it starts in the last inch of the page while its section goes on over the page (the next page does not open
 *   with a heading).
 * `heading` is the heading's node, `following` the nodes after it on its page and `nextPage` those on the next
 * page, as pdfmake's pageBreakBefore gives them.
 *
 * A table row that did not fit and moved to the next page keeps the position pdfmake first tried, level with the
 * header row above it, so a cell that is not below its table's header row does not count.
 */
export function headingStranded(heading: NodeSeen, following: readonly NodeSeen[], nextPage: readonly NodeSeen[] = []): boolean {
  const body = following.filter((n) => !isFrame(n));
  // A table that starts in the last tenth of the page and goes on to the next: its first row may have moved
  // there whole, and pdfmake still reports that row here, so the heading goes over with it (and so do the
  // headings between, a subheading say).
  const first = body.find((n) => n.headlineLevel === undefined);
  if (first?.table !== undefined && (first.pageNumbers?.length ?? 0) > 1 && topOf(first) > 0.9) return true;
  const opensNextPage = nextPage.find((n) => !isFrame(n) && (n.headlineLevel !== undefined || n.text !== undefined || n.image !== undefined));
  const sectionGoesOn = opensNextPage !== undefined && !isHeading(opensNextPage);
  const room = (1 - topOf(heading)) * (heading.startPosition?.pageInnerHeight ?? 0);
  if (sectionGoesOn && room < MIN_ROOM) return true;
  let headerAt = -1;
  for (const n of body) {
    const at = topOf(n);
    if (n.style === 'tableHeader') {
      headerAt = Math.max(headerAt, at);
      continue;
    }
    if (n.headlineLevel !== undefined || (n.text === undefined && n.image === undefined)) continue;
    if (at <= headerAt) continue;
    return false;
  }
  return true;
}

/**
 * A4 page frame: the confidentiality marking at the top and foot of every page; from page 2 a header with
 * document, case number and version; footer with operator and "page x of y". Landscape pages (the control plan's
 * measures) get the same frame across their width.
 */
export function frame({ ctx, meta, documentTitle, content, onPageCount }: FrameOptions): TDocumentDefinitions {
  const { t, model } = ctx;
  const version = versionText(t, meta);
  const marking = markingOf(ctx);
  const markingLine = marking ? [{ text: marking, style: 'marking', alignment: 'center' as const }] : [];
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN_X, 60, MARGIN_X, 50],
    info: {
      title: `${documentTitle} — ${model.case.caseNumber}`,
      subject: `${model.operator.legalName}, ${version}`,
      creator: 'AEO Field Validator',
      producer: 'AEO Field Validator (pdfmake)',
      ...(meta.createdAt ? { creationDate: new Date(meta.createdAt) } : {}),
    },
    language: ctx.lang === 'ru' ? 'ru-RU' : 'en-GB',
    defaultStyle: { font: FONT_FAMILY, fontSize: 9.5, lineHeight: 1.1 },
    styles: { ...styles, marking: { fontSize: 8, bold: true, color: '#7A1F1F' } },
    header: (currentPage: number, _pageCount: number, pageSize: PageSizeArg): Content => ({
      margin: [MARGIN_X, 14, MARGIN_X, 0],
      stack: [
        ...markingLine,
        ...(currentPage === 1
          ? []
          : [
              {
                columns: [
                  { text: `${documentTitle} · ${t.caseLabel} ${model.case.caseNumber}`, style: 'header' },
                  { text: version, style: 'header', alignment: 'right' as const },
                ],
              },
              { canvas: [{ type: 'line' as const, x1: 0, y1: 4, x2: pageSize.width - 2 * MARGIN_X, y2: 4, lineWidth: 0.5, lineColor: '#B8C2CC' }] },
            ]),
      ],
    }),
    footer: (currentPage: number, pageCount: number): Content => {
      onPageCount?.(pageCount);
      return {
        margin: [MARGIN_X, 12, MARGIN_X, 0],
        stack: [
          {
            columns: [
              { text: model.operator.legalName, style: 'footer' },
              { text: t.page(currentPage, pageCount), style: 'footer', alignment: 'right' as const },
            ],
          },
          ...markingLine,
        ],
      };
    },
    // Most headings travel with the start of their section in one block (keep-with-next.ts), placed on the first layout.
    content: keepHeadingsWithNext(content),
    // The rest (before a long table or paragraph) are checked here: a heading is never left at the foot of a page;
    // when what it introduces does not begin there, it moves to the next page (pdfmake lays the document out
    // again, once per heading moved).
    pageBreakBefore: (node, queries) =>
      node.headlineLevel !== undefined && headingStranded(node, queries.getFollowingNodesOnPage(), queries.getNodesOnNextPage()),
  };
}

/** The authority's logo (prepared by the PDF worker from the blob store) under this key of the images map. */
export const LOGO_KEY = 'authority-logo';

/** The block at the top of the first page: logo, issuing authority and its address, registration number. */
export function authorityBlock(ctx: Ctx, logo: { dataUrl: string; width: number; height: number } | null): Content {
  const { o, lang, model } = ctx;
  const official = model.official;
  const name = official?.authority.name[lang].trim() ?? '';
  const address = official?.authority.address[lang].trim() ?? '';
  const scale = logo ? Math.min(56 / logo.height, 120 / logo.width) : 0;
  return {
    columns: [
      ...(logo ? [{ image: logo.dataUrl, width: logo.width * scale, height: logo.height * scale }] : []),
      {
        width: '*',
        stack: [
          { text: name || o.authorityNotSet, bold: true, fontSize: 11, color: INK.heading },
          ...(address ? [{ text: address, fontSize: 8.5, color: INK.muted }] : []),
          ...(official?.registrationNumber
            ? [{ text: `${o.registrationNumber}: ${official.registrationNumber}`, fontSize: 9, bold: true, margin: [0, 4, 0, 0] }]
            : []),
        ],
      },
    ],
    columnGap: 12,
    margin: [0, 0, 0, 10],
  } as Content;
}

const coverRows = (ctx: Ctx, meta: DocMeta): TableCell[][] => {
  const { t, o, model } = ctx;
  return [
    [{ text: t.operator.legalName, style: 'coverKey' }, { text: model.operator.legalName, style: 'coverValue' }],
    [{ text: t.caseLabel, style: 'coverKey' }, { text: model.case.caseNumber, style: 'coverValue' }],
    [{ text: o.registrationNumber, style: 'coverKey' }, model.official?.registrationNumber ? { text: model.official.registrationNumber, style: 'coverValue' } : notSet(t)],
    [{ text: t.operator.aeoType, style: 'coverKey' }, { text: t.aeoTypes[model.case.aeoType], style: 'coverValue' }],
    [{ text: t.operator.leadValidator, style: 'coverKey' }, { text: model.case.leadValidator, style: 'coverValue' }],
    [{ text: t.composedAt, style: 'coverKey' }, { text: stamp(ctx, model.composedAt), style: 'coverValue' }],
    [{ text: t.versionKey, style: 'coverKey' }, { text: versionText(t, meta), style: 'coverValue' }],
  ];
};

/**
 * The opening of a document: the authority block, title and particulars. With `full` a cover page with the
 * contents (the body then starts on page 2); without, a compact head the first section follows on the same page,
 * for a document under three pages.
 */
export function cover(ctx: Ctx, meta: DocMeta, title: string, logo: Parameters<typeof authorityBlock>[1] = null, full = true): Content[] {
  const { t } = ctx;
  const particulars: Content = { table: { widths: [150, '*'], body: coverRows(ctx, meta) }, layout: 'noBorders' };
  if (!full) {
    return [
      authorityBlock(ctx, logo),
      { text: title, style: 'title', margin: [0, 4, 0, 2] },
      { text: t.subtitle, style: 'subtitle', margin: [0, 0, 0, 8] },
      { ...particulars, fontSize: 9, margin: [0, 0, 0, 6] } as Content,
    ];
  }
  return [
    authorityBlock(ctx, logo),
    { text: title, style: 'title', margin: [0, 28, 0, 8] },
    { text: t.subtitle, style: 'subtitle' },
    particulars,
    { toc: { title: { text: t.contents, style: 'tocTitle' }, textStyle: { fontSize: 10 }, numberStyle: { fontSize: 10 } } },
  ];
}

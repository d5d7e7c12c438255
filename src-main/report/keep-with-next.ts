import type { Content } from 'pdfmake/interfaces';

/*
 * Keeps each heading with the start of what it introduces, in the document's structure rather than by moving it
 * after layout. pdfmake's `pageBreakBefore` (the page frame's heading rule) moves one heading per layout and lays
 * the whole document out again each time: 6 layouts of the RU validation report of the bench case (issue 14, 0.3–0.5 s
 * each), 2 of the EN one. Here a heading, with the headings and lead-ins right after it, and the first few lines of its
 * section (short paragraphs, a short fact list or table) become one unbreakable stack: pdfmake places them together on
 * the first layout. Pure: document definitions only.
 *
 * What cannot be kept that way stays as it was, with its headline level, for the frame's rule to check: a heading
 * before a long paragraph or a long table (an unbreakable block longer than the page loses what does not fit, so
 * only pieces known to be small go in one), or before anything other than text and tables.
 */

type Node = Record<string, unknown>;

/**
 * The smallest start of a section kept with its heading: three lines, what the frame's rule asks (an inch below the
 * heading), and what the printed-page check needs (two rows).
 */
const MIN_LINES = 3;
/**
 * Characters a line of body text holds at most (9.5 pt PT Sans over the 515 pt A4 text width holds about 105):
 * counting high counts lines low, so a piece is never taken for longer than it is.
 */
const CHARS_PER_LINE = 140;
/** A paragraph or table this short surely fits on a page with its heading (well under a third of one). */
const MAX_PIECE_CHARS = 900;
const MAX_PIECE_ROWS = 12;

const isNode = (c: unknown): c is Node => typeof c === 'object' && c !== null && !Array.isArray(c);

/** The characters of a text node's text, inline runs included. */
function textOf(text: unknown): string {
  if (typeof text === 'string') return text;
  if (typeof text === 'number') return String(text);
  if (Array.isArray(text)) return text.map(textOf).join('');
  if (isNode(text)) return textOf(text.text ?? text.stack ?? '');
  return '';
}

const opensPage = (n: Node) => n.pageBreak !== undefined || n.pageOrientation !== undefined;
const isHeading = (c: unknown): c is Node => isNode(c) && c.headlineLevel !== undefined && !opensPage(c);
/** Where a section ends: the next heading, or a node that starts a page. */
const endsSection = (c: unknown) => isNode(c) && (c.headlineLevel !== undefined || c.style === 'h1' || c.style === 'h2' || opensPage(c));

/** Lines a small piece surely takes (at least), or null when it is not one to keep in an unbreakable block. */
function pieceLines(c: unknown): number | null {
  if (typeof c === 'string') c = { text: c };
  if (!isNode(c) || opensPage(c) || c.unbreakable !== undefined) return null;
  if (c.text !== undefined) {
    const text = textOf(c.text);
    if (text.length > MAX_PIECE_CHARS) return null;
    return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / CHARS_PER_LINE)), 0);
  }
  const table = c.table;
  if (isNode(table) && Array.isArray(table.body)) {
    const body = table.body as unknown[];
    if (body.length > MAX_PIECE_ROWS || textOf(body.flat()).length > MAX_PIECE_CHARS) return null;
    // Each row is at least a line and its cell padding (3 pt above and below) half another; the header row does not
    // count as what the heading introduces.
    return (body.length - (typeof table.headerRows === 'number' ? table.headerRows : 0)) * 1.5;
  }
  return null;
}

/** Rows of a long table kept with the heading: with its header row they are one block pdfmake never splits. */
const KEPT_ROWS = 2;
/** Body text width of an A4 portrait page (595 pt less 2 × 40 pt margins); landscape pages only have more. */
const TEXT_WIDTH = 515;
/**
 * Height of a line of PT Sans, in font sizes: its ascender and descender span 1.29 em, times the document's line
 * height of 1.1, rounded up so a row is never taken for shorter than it prints.
 */
const LINE_EM = 1.5;
/** A character's width, in font sizes, taken wide (PT Sans averages about 0.5 em), for the same reason. */
const CHAR_EM = 0.55;

/** Points a cell's text takes at `width` points wide, taken high; null for what it cannot tell (an image, a nested table). */
function cellHeight(cell: unknown, width: number, fontSize: number): number | null {
  if (typeof cell === 'string' || typeof cell === 'number') cell = { text: cell };
  if (!isNode(cell)) return 0;
  const size = typeof cell.fontSize === 'number' ? cell.fontSize : cell.style === 'small' ? 8 : cell.style === 'tiny' ? 7 : cell.style === 'tableHeader' ? Math.max(8.5, fontSize) : fontSize;
  if (Array.isArray(cell.stack)) {
    let points = 0;
    for (const item of cell.stack) {
      const n = cellHeight(item, width, size);
      if (n === null) return null;
      points += n;
    }
    return points;
  }
  if (cell.text === undefined) return Object.keys(cell).length === 0 ? 0 : null;
  const perLine = Math.max(1, Math.floor(width / (CHAR_EM * size)));
  // Words wrap before the line is full: a seventh more characters than there are.
  const lines = textOf(cell.text).split('\n').reduce((n, line) => n + Math.max(1, Math.ceil((line.length * 8) / 7 / perLine)), 0);
  return lines * LINE_EM * size;
}

/**
 * Points the header row and the first `rows` rows of a data table take at most, or null when they cannot be told.
 * Column widths as pdfmake shares them: fixed widths as given, the rest of the text width between the '*' columns.
 */
function tableStartHeight(table: Node, fontSize: number, rows: number): number | null {
  const widths = table.widths;
  const body = table.body as unknown[][];
  if (!Array.isArray(widths)) return null;
  const padding = 8;
  const fixed = widths.reduce<number>((sum, w) => sum + (typeof w === 'number' ? w : 0) + padding, 0);
  const stars = widths.filter((w) => typeof w !== 'number').length;
  const star = stars > 0 ? Math.max(20, (TEXT_WIDTH - fixed - stars * padding) / stars) : 0;
  const columnWidth = (i: number) => (typeof widths[i] === 'number' ? (widths[i] as number) : star);
  let height = 0;
  for (const row of body.slice(0, (typeof table.headerRows === 'number' ? table.headerRows : 0) + rows)) {
    let tallest = LINE_EM * fontSize;
    for (const [i, cell] of row.entries()) {
      const span = isNode(cell) && typeof cell.colSpan === 'number' ? cell.colSpan : 1;
      let width = 0;
      for (let c = i; c < i + span; c += 1) width += columnWidth(c) + (c > i ? padding : 0);
      const cellPoints = cellHeight(cell, width, fontSize);
      if (cellPoints === null) return null;
      tallest = Math.max(tallest, cellPoints);
    }
    // The row's text, its padding (3 pt above and below) and its rule.
    height += tallest + 6 + 1;
  }
  return height;
}

/**
 * A long data table's start, kept with the heading before it: the header row and first rows stay one block
 * (keepWithHeaderRows), and the heading's block reserves their height below itself with an empty spacer; the table
 * then starts that much higher, over the spacer. So the heading's block fits at the foot of a page only when the
 * table's first rows fit there too, and pdfmake decides it on the first layout. pdfmake offers no way to keep a
 * node with a table's first rows other than laying out again, and the table cannot go in the heading's block: an
 * unbreakable block holds one page at most, and the header would no longer repeat on the pages after.
 */
function tableStart(c: unknown): { spacer: Content; table: Content } | null {
  if (!isNode(c) || opensPage(c) || c.unbreakable !== undefined || !isNode(c.table)) return null;
  const table = c.table;
  const body = table.body;
  if (!Array.isArray(body) || typeof table.headerRows !== 'number' || table.headerRows < 1 || body.length <= table.headerRows) return null;
  const rows = Math.min(KEPT_ROWS, body.length - table.headerRows);
  const height = tableStartHeight(table, typeof c.fontSize === 'number' ? c.fontSize : 9.5, rows);
  if (height === null) return null;
  const margin = Array.isArray(c.margin) && c.margin.length === 4 ? (c.margin as number[]) : [0, 0, 0, 0];
  const top = margin[1]! + 1;
  return {
    spacer: { canvas: [], margin: [0, top + height, 0, 0] } as Content,
    table: { ...c, table: { ...table, keepWithHeaderRows: rows }, margin: [margin[0]!, margin[1]! - top - height, margin[2]!, margin[3]!] } as Content,
  };
}

/** A stack with nothing of its own (no style, margin or break): its items can stand in its place. */
const plainStack = (c: unknown): c is { stack: Content[] } => isNode(c) && Array.isArray(c.stack) && Object.keys(c).length === 1;

/** The heading as it prints inside a kept block: without a headline level, which the frame's rule must never see there. */
function kept(heading: Node): Content {
  const { headlineLevel, ...rest } = heading;
  // `keptHeadline` is not pdfmake's: it marks the heading for the tests that read headings from the definition.
  return { ...rest, keptHeadline: headlineLevel } as unknown as Content;
}

/** `content` with each heading that can be kept with its section's first lines in one unbreakable stack. */
export function keepHeadingsWithNext(content: readonly Content[]): Content[] {
  const items = content.flatMap((c) => (plainStack(c) ? c.stack : [c]));
  const out: Content[] = [];
  let i = 0;
  while (i < items.length) {
    const item: unknown = items[i];
    if (!isHeading(item)) {
      const nested = isNode(item) && Array.isArray(item.stack) && item.unbreakable === undefined;
      out.push(nested ? ({ ...item, stack: keepHeadingsWithNext(item.stack as Content[]) } as Content) : (item as Content));
      i += 1;
      continue;
    }
    let j = i;
    while (j < items.length && isHeading(items[j])) j += 1;
    const headings = items.slice(i, j);
    let lines = 0;
    let k = j;
    while (k < items.length && lines < MIN_LINES && !endsSection(items[k])) {
      const n = pieceLines(items[k]);
      if (n === null) break;
      lines += n;
      k += 1;
    }
    // Kept when the block holds three lines, or the whole of a section that ends there (never only its headings);
    // or, short of that, with the start of the long table that follows.
    const start = lines < MIN_LINES && !endsSection(items[k]) ? tableStart(items[k]) : null;
    if (start) {
      out.push({ stack: [...headings.map((h) => kept(h as unknown as Node)), ...items.slice(j, k), start.spacer], unbreakable: true } as Content, start.table);
      i = k + 1;
    } else if (k > j && (lines >= MIN_LINES || endsSection(items[k]))) {
      out.push({ stack: [...headings.map((h) => kept(h as unknown as Node)), ...items.slice(j, k)], unbreakable: true } as Content);
      i = k;
    } else {
      out.push(...headings);
      i = j;
    }
  }
  return out;
}

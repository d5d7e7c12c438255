import { execFileSync } from 'node:child_process';

/*
 * A printed PDF read back as its pages' rows of text, with each row's font size, weight and colour (poppler's
 * pdftohtml -xml at zoom 1, so positions and sizes are in points). Headings are told apart by how they are
 * printed (the h1 and h2 styles: bold navy, 15 pt and 11.5 pt), not by what the document definition says they are, so
 * a heading the layout code forgot to mark is found as well.
 */

export type PrintedRow = { top: number; bottom: number; text: string; heading: boolean; tableHeader: boolean };
export type PrintedPage = { number: number; height: number; rows: PrintedRow[] };

type Font = { size: number; color: string };

/** The h1 and h2 sizes as pdftohtml gives them (it rounds to whole points: 15, and 11.5 → 12). */
const HEADING_SIZES = [15, 12];
/** The report's navy (INK.heading): headings and table header rows are printed in it. */
const NAVY = '#1f3a5f';

const decode = (text: string) =>
  text
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every page's rows of text, top to bottom; pieces of text level with each other (table cells) make one row. */
export function printedPages(file: string): PrintedPage[] {
  const xml = execFileSync('pdftohtml', ['-xml', '-i', '-q', '-stdout', '-zoom', '1', '-enc', 'UTF-8', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const fonts = new Map<string, Font>();
  // A draft's watermark font carries an opacity as well.
  for (const m of xml.matchAll(/<fontspec id="(\d+)" size="([\d.-]+)" family="[^"]*" color="(#[0-9a-fA-F]{6})"[^>]*\/>/g)) {
    fonts.set(m[1]!, { size: Number(m[2]), color: m[3]!.toLowerCase() });
  }
  const pages: PrintedPage[] = [];
  for (const page of xml.matchAll(/<page number="(\d+)"[^>]*height="([\d.]+)"[^>]*>([\s\S]*?)<\/page>/g)) {
    const pieces = [...page[3]!.matchAll(/<text top="([\d.-]+)" left="[\d.-]+" width="[\d.]+" height="([\d.]+)" font="(\d+)">([\s\S]*?)<\/text>/g)]
      .map((m) => {
        const font = fonts.get(m[3]!) ?? { size: 0, color: '' };
        const bold = m[4]!.includes('<b>');
        return { top: Number(m[1]), height: Number(m[2]), text: decode(m[4]!).trim(), font, bold };
      })
      // The draft watermark is drawn across the page, not a row of it.
      .filter((p) => p.text !== '' && p.font.size < 40)
      .sort((a, b) => a.top - b.top);
    const rows: PrintedRow[] = [];
    let current: (typeof pieces)[number][] = [];
    const flush = () => {
      if (current.length === 0) return;
      const heading = current.every((p) => p.bold && p.font.color === NAVY && HEADING_SIZES.includes(p.font.size));
      const tableHeader = current.every((p) => p.bold && p.font.color === NAVY && p.font.size < 10);
      rows.push({
        top: current[0]!.top,
        bottom: Math.max(...current.map((p) => p.top + p.height)),
        text: current.map((p) => p.text).join(' '),
        heading,
        tableHeader,
      });
      current = [];
    };
    for (const piece of pieces) {
      if (current.length > 0 && piece.top - current[0]!.top > 3) flush();
      current.push(piece);
    }
    flush();
    pages.push({ number: Number(page[1]), height: Number(page[2]), rows });
  }
  return pages;
}

/**
 * The rows of the page body: the running header, the footer and the confidentiality marking left out (they sit in
 * the page margins, `top` and `bottom` points).
 */
export function bodyRows(page: PrintedPage, margins: { top: number; bottom: number }): PrintedRow[] {
  return page.rows.filter((row) => row.top >= margins.top - 4 && row.bottom <= page.height - margins.bottom + 4);
}

/**
 * Headings left at the foot of a page: the last heading on a page (not the document's last page) after which
 * fewer than two rows of what it introduces follow there (a table's header row alone does not count), while its
 * section goes on over the page. Answers "page N: heading" for each.
 */
export function strandedHeadings(file: string, margins: { top: number; bottom: number }): string[] {
  const pages = printedPages(file).map((page) => ({ number: page.number, rows: bodyRows(page, margins) }));
  const stranded: string[] = [];
  for (const [index, page] of pages.entries()) {
    const last = page.rows.findLastIndex((row) => row.heading);
    const next = pages[index + 1];
    if (last === -1 || !next) continue;
    const own = page.rows.slice(last + 1).filter((row) => !row.tableHeader);
    const sectionEnds = next.rows.length === 0 || next.rows[0]!.heading;
    if (own.length >= 2 || (sectionEnds && own.length > 0)) continue;
    stranded.push(`page ${page.number}: "${page.rows[last]!.text}" followed by ${own.length} row(s)${own.length ? `: ${own.map((r) => r.text).join(' | ')}` : ''}`);
  }
  return stranded;
}

/** Every heading printed in the document (for checking that the reader found some). */
export const printedHeadings = (file: string) => printedPages(file).flatMap((page) => page.rows.filter((row) => row.heading).map((row) => row.text));

/** Renders every page as a PNG (`prefix-N.png`) at 60 dpi, for a person to look at. */
export function renderPages(file: string, prefix: string): void {
  execFileSync('pdftoppm', ['-r', '60', '-png', file, prefix]);
}

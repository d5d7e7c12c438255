import type { Content } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { keepHeadingsWithNext } from '../../src-main/report/keep-with-next';
import { dataTable, heading, keyValueTable, subheading } from '../../src-main/report/pdf-common';

/*
 * Which headings travel with the start of their section in one unbreakable block (placed on pdfmake's first
 * layout), and which are left with their headline level for the page frame's rule. The printed pages are checked in
 * demo-printouts.test.ts and official-form-pdf.test.ts.
 */

type Block = { stack?: Content[]; unbreakable?: boolean; headlineLevel?: number; keptHeadline?: number; canvas?: unknown[]; margin?: number[]; table?: { keepWithHeaderRows?: number } };
const rows = (n: number) => Array.from({ length: n }, (_, i) => [{ text: `item ${i + 1}` }, { text: 'compliant' }]);

describe('keeping headings with what they introduce', () => {
  it('keeps a heading, its subheading and a short paragraph together, without headline levels inside the block', () => {
    const [block, after] = keepHeadingsWithNext([heading('Scope', 3), subheading('Steps'), { text: 'A'.repeat(500) }, { text: 'next' }]) as Block[];
    expect(block!.unbreakable).toBe(true);
    expect(block!.stack).toHaveLength(3);
    expect(block!.stack!.map((c) => (c as Block).headlineLevel)).toEqual([undefined, undefined, undefined]);
    expect(block!.stack!.map((c) => (c as Block).keptHeadline)).toEqual([1, 2, undefined]);
    expect(after).toEqual({ text: 'next' });
  });

  it('takes short pieces until three lines: a one-row fact list and a short table', () => {
    const [block] = keepHeadingsWithNext([subheading('Run 1'), keyValueTable([['Site', { text: 'Warehouse' }]]), dataTable(['No.', 'Answer'], rows(3), [30, '*'])]) as Block[];
    expect(block!.unbreakable).toBe(true);
    expect(block!.stack).toHaveLength(3);
  });

  it('keeps a heading with the header and first two rows of a long table: a spacer as tall as they are, the table moved up over it', () => {
    const [block, table] = keepHeadingsWithNext([heading('Findings', 11), dataTable(['No.', 'Answer'], rows(40), [30, '*'])]) as Block[];
    expect(block!.unbreakable).toBe(true);
    const spacer = block!.stack!.at(-1) as Block;
    expect(spacer.canvas).toEqual([]);
    const reserved = spacer.margin![1]!;
    // Header and two one-line rows at 8.5 pt: each at least a line and its padding.
    expect(reserved).toBeGreaterThan(3 * (8.5 * 1.3 + 6));
    expect(table!.table!.keepWithHeaderRows).toBe(2);
    expect(table!.margin![1]).toBe(2 - reserved);
  });

  it('leaves a heading before a long paragraph to the page frame’s rule: an unbreakable block holds one page at most', () => {
    const content = [heading('Matters', 4), { text: 'word '.repeat(400) }];
    expect(keepHeadingsWithNext(content)).toEqual(content);
  });

  it('never puts a heading that opens a page in a block', () => {
    const opening = { ...(heading('Annex', 18) as object), pageBreak: 'before' } as Content;
    expect(keepHeadingsWithNext([opening, { text: 'short' }])[0]).toBe(opening);
  });
});

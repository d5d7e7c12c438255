import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Ctx, DocMeta } from './pdf-common';
import { cover, frame, LOGO_KEY } from './pdf-frame';
import { blockingIssuesSection, blockingItems, draftWatermark } from './report-consistency';
import type { ReportImages } from './validation-report-annexes';

/*
 * What the validation report and the control plan share as documents: the cover with the authority's logo, the
 * sections numbered in the order given (a draft's blocking issues first), the page frame and the draft watermark.
 * Each document's file only says which sections it has, in what order.
 */

/** One numbered section of a document: its content when it is section `n`. */
export type Section = (ctx: Ctx, n: number) => Content[];

export type NumberedDocumentOptions = {
  title: string;
  sections: Section[];
  meta: DocMeta;
  /** Prepared by the PDF worker; the authority's logo among them. */
  images: ReportImages;
  /** A cover page with contents; the PDF worker prints without one when the document is under three pages. */
  withCover: boolean;
  onPageCount?: (pages: number) => void;
};

/** The authority's logo when the worker prepared it, for the authority block. */
function logoOf(images: ReportImages) {
  const logo = images[LOGO_KEY];
  return logo?.status === 'ok' ? logo : null;
}

export function numberedDocument(ctx: Ctx, { title, sections, meta, images, withCover, onPageCount }: NumberedDocumentOptions): TDocumentDefinitions {
  const blocking = blockingItems(ctx.model);
  const numbered: Section[] = [...(blocking.length > 0 ? [(c: Ctx, n: number) => blockingIssuesSection(c, n, blocking)] : []), ...sections];
  const body = numbered.flatMap((section, i) => section(ctx, i + 1));
  // With a cover, the first section starts on page 2, after the cover and contents.
  if (withCover) (body[0] as { pageBreak?: string }).pageBreak = 'before';
  return {
    ...frame({ ctx, meta, documentTitle: title, content: [...cover(ctx, meta, title, logoOf(images), withCover), ...body], onPageCount }),
    ...draftWatermark(ctx, blocking),
  };
}

import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportLanguage, ReportModel } from '../contract/reports';
import type { ReportStrings } from './i18n';
import { contextFor, type Ctx, type DocMeta } from './pdf-common';
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

/** What the PDF worker asks either document for. */
export type DocumentOptions = {
  model: ReportModel;
  lang: ReportLanguage;
  meta: DocMeta;
  /** Prepared by the PDF worker: photo thumbnails and the authority's logo. */
  images?: ReportImages;
  onPageCount?: (pages: number) => void;
  /** A cover page with contents; the PDF worker prints without one when the document is under three pages. */
  withCover?: boolean;
};

/** The authority's logo when the worker prepared it, for the authority block. */
function logoOf(images: ReportImages) {
  const logo = images[LOGO_KEY];
  return logo?.status === 'ok' ? logo : null;
}

export function numberedDocument(options: DocumentOptions, title: (t: ReportStrings) => string, sections: Section[]): TDocumentDefinitions {
  const { model, lang, meta, images = {}, onPageCount, withCover = true } = options;
  const ctx = contextFor(model, lang);
  const documentTitle = title(ctx.t);
  const blocking = blockingItems(model);
  const numbered: Section[] = [...(blocking.length > 0 ? [(c: Ctx, n: number) => blockingIssuesSection(c, n, blocking)] : []), ...sections];
  const body = numbered.flatMap((section, i) => section(ctx, i + 1));
  // With a cover, the first section starts on page 2, after the cover and contents.
  if (withCover) (body[0] as { pageBreak?: string }).pageBreak = 'before';
  return {
    ...frame({ ctx, meta, documentTitle, content: [...cover(ctx, meta, documentTitle, logoOf(images), withCover), ...body], onPageCount }),
    ...draftWatermark(ctx, blocking),
  };
}

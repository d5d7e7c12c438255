import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportLanguage, ReportModel } from '../contract/reports';
import { contextFor, heading, notAssessed, paragraphs, type DocMeta } from './pdf-common';
import { cover, frame, LOGO_KEY } from './pdf-frame';
import { approvalSection, officialSection } from './official-sections';
import { annexSection, auditSection, type ReportImages } from './validation-report-annexes';
import { findingsSection, recommendationSection, residualSection, risksSection, signaturesSection } from './validation-report-findings';
import { applicationSection } from './validation-report-application';
import { sealOverrideSection } from './validation-report-gates';
import { teamMergeSection } from './team-merge-section';
import { stepContentBlock } from './validation-report-steps';
import { citationsBlock } from './validation-report-citations';
import { checklistsAnnex, documentsAnnex, inspectionsAnnex, minutesAnnex } from './validation-report-records';
import { blockingIssuesSection, blockingItems, draftWatermark } from './report-consistency';
import { conclusionsSection, methodSection, operatorSection, scopeSection } from './validation-report-opening';

/*
 * The validation report (step 8) as a pdfmake document definition, from a frozen report model. Every section the
 * issue names is present even for an unfinished case: missing data prints as "not assessed".
 *
 * This file only sets the order and numbering of the sections; their content is split by part of the report:
 * validation-report-opening.ts (operator, scope, method, conclusions), validation-report-findings.ts (risks
 * through signatures) and validation-report-annexes.ts (evidence and audit annexes, and the image types the PDF
 * worker fills).
 */

export type ReportDocOptions = {
  model: ReportModel;
  lang: ReportLanguage;
  meta: DocMeta;
  images: ReportImages;
  onPageCount?: (pages: number) => void;
  /** A cover page with contents; the PDF worker prints without one when the document is under three pages. */
  withCover?: boolean;
};

/** The authority's logo when the worker prepared it, for the authority block. */
export function logoOf(images: ReportImages) {
  const logo = images[LOGO_KEY];
  return logo?.status === 'ok' ? logo : null;
}

export function validationReportDoc({ model, lang, meta, images, onPageCount, withCover = true }: ReportDocOptions): TDocumentDefinitions {
  const ctx = contextFor(model, lang);
  const { t } = ctx;
  const blocking = blockingItems(model);
  const sections: ((n: number) => Content[])[] = [
    ...(blocking.length > 0 ? [(n: number) => blockingIssuesSection(ctx, n, blocking)] : []),
    ...(model.official ? [(n: number) => officialSection(ctx, n)] : []),
    (n) => operatorSection(ctx, n),
    (n) => applicationSection(ctx, n),
    (n) => [...scopeSection(ctx, n, images), ...stepContentBlock(ctx)],
    (n) => methodSection(ctx, n),
    (n) => [...conclusionsSection(ctx, n), ...citationsBlock(ctx)],
    (n) => [heading(t.sections.matters, n), ...(model.mattersOfSignificance ? paragraphs(model.mattersOfSignificance) : [notAssessed(t)])],
    (n) => risksSection(ctx, n),
    (n) => residualSection(ctx, n),
    (n) => findingsSection(ctx, n),
    (n) => recommendationSection(ctx, n),
    ...(model.sealOverride ? [(n: number) => sealOverrideSection(ctx, n)] : []),
    ...(model.teamMerge ? [(n: number) => teamMergeSection(ctx, n)] : []),
    (n) => signaturesSection(ctx, n),
    ...(model.official ? [(n: number) => approvalSection(ctx, n)] : []),
    (n) => annexSection(ctx, n, images),
    (n) => checklistsAnnex(ctx, n),
    (n) => inspectionsAnnex(ctx, n),
    (n) => documentsAnnex(ctx, n),
    (n) => minutesAnnex(ctx, n),
    (n) => auditSection(ctx, n),
  ];
  const body = sections.flatMap((section, i) => section(i + 1));
  // With a cover, the first section starts on page 2, after the cover and contents.
  if (withCover) (body[0] as { pageBreak?: string }).pageBreak = 'before';
  return {
    ...frame({
      ctx,
      meta,
      documentTitle: t.reportTitle,
      content: [...cover(ctx, meta, t.reportTitle, logoOf(images), withCover), ...body],
      onPageCount,
    }),
    ...draftWatermark(ctx, blocking),
  };
}

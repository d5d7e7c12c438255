import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportLanguage, ReportModel } from '../contract/reports';
import { contextFor, cover, frame, heading, notAssessed, paragraphs, type DocMeta } from './pdf-common';
import { annexSection, auditSection, type ReportImages } from './validation-report-annexes';
import { findingsSection, recommendationSection, residualSection, risksSection, signaturesSection } from './validation-report-findings';
import { applicationSection } from './validation-report-application';
import { sealOverrideSection } from './validation-report-gates';
import { stepContentBlock } from './validation-report-steps';
import { citationsBlock } from './validation-report-citations';
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
};

export function validationReportDoc({ model, lang, meta, images, onPageCount }: ReportDocOptions): TDocumentDefinitions {
  const ctx = contextFor(model, lang);
  const { t } = ctx;
  const blocking = blockingItems(model);
  const sections: ((n: number) => Content[])[] = [
    ...(blocking.length > 0 ? [(n: number) => blockingIssuesSection(ctx, n, blocking)] : []),
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
    (n) => signaturesSection(ctx, n),
    (n) => annexSection(ctx, n, images),
    (n) => auditSection(ctx, n),
  ];
  const body = sections.flatMap((section, i) => section(i + 1));
  // The first section starts on page 2, after the cover and contents.
  (body[0] as { pageBreak?: string }).pageBreak = 'before';
  return {
    ...frame({
      ctx,
      meta,
      documentTitle: t.reportTitle,
      content: [...cover(ctx, meta, t.reportTitle), ...body],
      onPageCount,
    }),
    ...draftWatermark(ctx, blocking),
  };
}

import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { heading, notAssessed } from './pdf-common';
import { numberedDocument, type DocumentOptions } from './numbered-document';
import { approvalSection, officialSection } from './official-sections';
import { annexSection, auditSection, type ReportImages } from './validation-report-annexes';
import { findingsSection, recommendationSection, residualSection, risksSection, signaturesSection } from './validation-report-findings';
import { applicationSection } from './validation-report-application';
import { sealOverrideSection } from './validation-report-gates';
import { teamMergeSection } from './team-merge-section';
import { stepContentBlock } from './validation-report-steps';
import { citationsBlock } from './validation-report-citations';
import { checklistsAnnex, documentsAnnex, inspectionsAnnex, minutesAnnex } from './validation-report-records';
import { conclusionsSection, methodSection, operatorSection, scopeSection } from './validation-report-opening';
import { writtenParagraphs } from './free-text';

/*
 * The validation report (step 8) as a pdfmake document definition, from a frozen report model. Every section the
 * issue names is present even for an unfinished case: missing data prints as "not assessed".
 *
 * This file only sets the order of the sections (numbered-document.ts numbers and frames them); their content is
 * split by part of the report:
 * validation-report-opening.ts (operator, scope, method, conclusions), validation-report-findings.ts (risks
 * through signatures) and validation-report-annexes.ts (evidence and audit annexes, and the image types the PDF
 * worker fills).
 */

/** The report's images (thumbnails, logo) are always prepared. */
export type ReportDocOptions = DocumentOptions & { images: ReportImages };

export function validationReportDoc(options: ReportDocOptions): TDocumentDefinitions {
  const { model, images } = options;
  return numberedDocument(options, (t) => t.reportTitle, [
    ...(model.official ? [officialSection] : []),
    operatorSection,
    applicationSection,
    (c, n) => [...scopeSection(c, n, images), ...stepContentBlock(c)],
    methodSection,
    (c, n) => [...conclusionsSection(c, n), ...citationsBlock(c)],
    (c, n) => [heading(c.t.sections.matters, n), ...(model.mattersOfSignificance ? writtenParagraphs(model.mattersOfSignificance, c.lang) : [notAssessed(c.t)])],
    risksSection,
    residualSection,
    findingsSection,
    recommendationSection,
    ...(model.sealOverride ? [sealOverrideSection] : []),
    ...(model.teamMerge ? [teamMergeSection] : []),
    signaturesSection,
    ...(model.official ? [approvalSection] : []),
    (c, n) => annexSection(c, n, images),
    checklistsAnnex,
    inspectionsAnnex,
    documentsAnnex,
    minutesAnnex,
    auditSection,
  ]);
}

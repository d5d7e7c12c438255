import type { ReportDocument, ReportLanguage, ReportModel } from '../contract/reports';
import type { DocMeta } from './pdf-common';

/*
 * What the PDF worker is asked to print and what it answers: the messages between a domain that starts a print
 * and the worker (src-main/workers/pdf.ts). A module of its own so that callers need not import the worker's
 * entry file, which renders and posts messages when it loads in a worker thread.
 */

export type PdfJob = {
  document: ReportDocument;
  model: ReportModel;
  lang: ReportLanguage;
  meta: DocMeta;
  outPath: string;
  fontsDir: string;
  blobRoot: string;
};

export type PdfJobResult = { pages: number; size: number; sha256: string };

import type { ReportDocument, ReportLanguage, ReportModel } from '../contract/reports';
import type { DocMeta } from './pdf-common';

/*
 * What the PDF worker is asked to print and what it answers: the messages between a domain that starts a print
 * and the worker (src-main/workers/pdf.ts). A module of its own so that callers need not import the worker's
 * entry file, which renders and posts messages when it loads in a worker thread.
 */

/**
 * A photo as the print finds it, by the photo's hash: its print rendition in the blob store (made when the photo
 * was stored, see domains/evidence-renditions.ts), or why there is none.
 */
export type PrintPhoto =
  | { status: 'ok'; sha256: string; width: number; height: number }
  | { status: 'missing' | 'altered' };

export type PdfJob = {
  document: ReportDocument;
  model: ReportModel;
  lang: ReportLanguage;
  meta: DocMeta;
  outPath: string;
  fontsDir: string;
  blobRoot: string;
  /**
   * The validation report's photos by hash (the control plan prints none). Absent: the worker starts while the
   * main thread still checks them, and they follow as a `WorkerInput<PrintPhotos>` (core/worker-task).
   */
  photos?: PrintPhotos;
};

export type PrintPhotos = Readonly<Record<string, PrintPhoto>>;

export type PdfJobResult = { pages: number; size: number; sha256: string };

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PdfResult, ReportDocument, ReportVersionSummary } from '../contract/reports';
import { copyFileAtomic } from '../core/fs-atomic';
import { casePrintCommand } from './case-print';
import { CliError, valueOf } from './kit';

/*
 * `aeo report --data DIR --case ID --out DIR [--lang en|ru]`: prints the validation report and the control plan
 * of a case through the same dispatcher (and so the same validation) as the app, into --out as
 * validation-report.pdf and control-plan.pdf.
 */

const USAGE = `Usage: aeo report --data DIR --case ID --out DIR [--lang en|ru]

Prints the validation report and the control plan of a case as PDFs into --out
(validation-report.pdf and control-plan.pdf). --case takes the case id or its case number; without --lang
they print in the case's report language.
The PDFs print the case's latest report version if nothing changed since, else a new draft version.`;

/** The order the PDFs are listed in. */
const DOCUMENTS: readonly ReportDocument[] = ['validation-report', 'control-plan'];
/** The order they start printing in (see below). */
const PRINT_ORDER: readonly ReportDocument[] = ['control-plan', 'validation-report'];

export const reportCommand = casePrintCommand('report', USAGE, async ({ dispatch, store, caseId, out, lang }) => {
  const tty = process.stderr.isTTY;
  await mkdir(out, { recursive: true });
  const chosen = await dispatch('reports:versionForPrint', { caseId });
  if (!chosen.ok && chosen.error.code === 'forbidden') {
    throw new CliError(
      `printing freezes a new report version, which is recorded under the device's current user, and ${store.dataDir} has none. Open the app once and choose who is working.`,
    );
  }
  const version = valueOf<ReportVersionSummary>('reports:versionForPrint', chosen);
  // Both documents of the one version at once, each in its own worker, the control plan first: it prints no
  // photos, so it lays out on one core while this thread checks the report's photos and the report's worker
  // starts on the other. Measured (issue 14): one after the other, the whole command took the sum.
  const printing = PRINT_ORDER.map(
    async (document) => [document, await dispatch('reports:pdf', { versionId: version.id, document, ...(lang ? { lang } : {}), taskId: document })] as const,
  );
  const results = new Map(await Promise.all(printing));
  if (tty) process.stderr.write('\n');
  for (const document of DOCUMENTS) {
    const pdf = valueOf<PdfResult>('reports:pdf', results.get(document)!);
    const target = path.join(out, `${document}.pdf`);
    await copyFileAtomic(pdf.path, target, { overwrite: true });
    console.log(`${target}  ${pdf.pages} pages, ${(pdf.size / 1024).toFixed(0)} KiB, version ${pdf.version}, sha256 ${pdf.sha256}`);
  }
});

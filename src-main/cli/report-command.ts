import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PdfResult, ReportDocument } from '../contract/reports';
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

export const reportCommand = casePrintCommand('report', USAGE, async ({ dispatch, store, caseId, out, lang }) => {
  const tty = process.stderr.isTTY;
  await mkdir(out, { recursive: true });
  for (const document of ['validation-report', 'control-plan'] as ReportDocument[]) {
    const result = await dispatch('reports:pdf', { caseId, document, ...(lang ? { lang } : {}), taskId: document });
    if (tty) process.stderr.write('\n');
    if (!result.ok && result.error.code === 'forbidden') {
      throw new CliError(
        `printing freezes a new report version, which is recorded under the device's current user, and ${store.dataDir} has none. Open the app once and choose who is working.`,
      );
    }
    const pdf = valueOf<PdfResult>('reports:pdf', result);
    const target = path.join(out, `${document}.pdf`);
    await copyFileAtomic(pdf.path, target, { overwrite: true });
    console.log(`${target}  ${pdf.pages} pages, ${(pdf.size / 1024).toFixed(0)} KiB, version ${pdf.version}, sha256 ${pdf.sha256}`);
  }
});

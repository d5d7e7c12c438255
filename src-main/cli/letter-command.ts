import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { LetterResult } from '../contract/certification';
import { copyFileAtomic } from '../core/fs-atomic';
import { printedLetter } from '../domains/improvement-letter';
import { casePrintCommand } from './case-print';
import { CliError, valueOf } from './kit';

/*
 * `aeo letter --data DIR --case ID --out DIR [--lang en|ru]`: prints the improvement-actions letter of the
 * decision recorded on a case (issue 13) through the same handler as the app, into --out under its export name.
 */

const USAGE = `Usage: aeo letter --data DIR --case ID --out DIR [--lang en|ru]

Prints the improvement-actions letter to the operator: the authorization decision recorded on the case (after
its report was sealed) and the improvement actions of the sealed report's findings. --case takes the case id or
its case number; without --lang it prints in the case's report language. Exits 1 when no decision is recorded yet.`;

export const letterCommand = casePrintCommand('letter', USAGE, async ({ dispatch, store, caseId, out, lang }) => {
  const letter = valueOf<LetterResult>('authorization:letter', await dispatch('authorization:letter', { caseId, ...(lang ? { lang } : {}) }));
  const source = await printedLetter(store.dataDir, letter.authorizationId, letter.lang);
  if (!source) throw new CliError('the letter was printed but cannot be read back from the data folder.');
  await mkdir(out, { recursive: true });
  const target = path.join(out, letter.fileName);
  await copyFileAtomic(source, target, { overwrite: true });
  console.log(`${target}  ${letter.pages} page(s), ${(letter.size / 1024).toFixed(0)} KiB, sha256 ${letter.sha256}`);
});

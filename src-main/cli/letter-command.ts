import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { LetterResult } from '../contract/certification';
import { copyFileAtomic } from '../core/fs-atomic';
import { printedLetter } from '../domains/improvement-letter';
import { casePrintArgs, CliError, findCase, valueOf, type Command, cliOptions } from './kit';
import { withDevice } from './device';

/*
 * `aeo letter --data DIR --case ID --out DIR [--lang en|ru]`: prints the improvement-actions letter of the
 * decision recorded on a case (issue 13) through the same handler as the app, into --out under its export name.
 */

const USAGE = `Usage: aeo letter --data DIR --case ID --out DIR [--lang en|ru]

Prints the improvement-actions letter to the operator: the authorization decision recorded on the case (after
its report was sealed) and the improvement actions of the sealed report's findings. --case takes the case id or
its case number; without --lang it prints in the case's report language. Exits 1 when no decision is recorded yet.`;

export const letterCommand: Command = {
  usage: USAGE,
  options: cliOptions({ strings: ['data', 'case', 'out', 'lang'] }),
  async run(values) {
    const args = casePrintArgs('letter', USAGE, values);
    if (args === 2) return 2;
    const { caseRef, out, lang } = args;
    try {
      return await withDevice(values, async (dispatch, store) => {
        const caseId = findCase(store, caseRef);
        const letter = valueOf<LetterResult>('authorization:letter', await dispatch('authorization:letter', { caseId, ...(lang ? { lang } : {}) }));
        const source = await printedLetter(store.dataDir, letter.authorizationId, letter.lang);
        if (!source) throw new CliError('the letter was printed but cannot be read back from the data folder.');
        await mkdir(out, { recursive: true });
        const target = path.join(out, letter.fileName);
        await copyFileAtomic(source, target, { overwrite: true });
        console.log(`${target}  ${letter.pages} page(s), ${(letter.size / 1024).toFixed(0)} KiB, sha256 ${letter.sha256}`);
        return 0;
      });
    } catch (error) {
      if (error instanceof CliError) {
        console.error(`aeo letter: ${error.message}`);
        return error.exitCode;
      }
      throw error;
    }
  },
};

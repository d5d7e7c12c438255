import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { LetterResult } from '../contract/certification';
import type { ReportLanguage } from '../contract/reports';
import { copyFileAtomic } from '../core/fs-atomic';
import { printedLetter } from '../domains/improvement-letter';
import { CliError, findCase, valueOf, type Command, cliOptions } from './kit';
import { withDevice } from './device';

/*
 * `aeo letter --data DIR --case ID --out DIR [--lang en|ru]`: prints the improvement-actions letter of the
 * decision recorded on a case (issue 13) through the same handler as the app, into --out under its export name.
 */

const USAGE = `Usage: aeo letter --data DIR --case ID --out DIR [--lang en|ru]

Prints the improvement-actions letter to the operator: the authorization decision recorded on the case (after
its report was sealed) and the improvement actions of the sealed report's findings. --case takes the case id or
its case number. Exits 1 when no decision is recorded yet.`;

export const letterCommand: Command = {
  usage: USAGE,
  options: cliOptions({ strings: ['data', 'case', 'out', 'lang'], defaults: { lang: 'en' } }),
  async run(values) {
    const caseRef = typeof values.case === 'string' ? values.case.trim() : '';
    const out = typeof values.out === 'string' ? path.resolve(values.out) : '';
    const lang = values.lang as string;
    if (!caseRef || !out) {
      console.error(`aeo letter: --case and --out are required.\n\n${USAGE}`);
      return 2;
    }
    if (lang !== 'en' && lang !== 'ru') {
      console.error(`aeo letter: --lang must be en or ru, not "${lang}".`);
      return 2;
    }
    try {
      return await withDevice(values, async (dispatch, store) => {
        const caseId = findCase(store, caseRef);
        const letter = valueOf<LetterResult>('authorization:letter', await dispatch('authorization:letter', { caseId, lang: lang as ReportLanguage }));
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

import path from 'node:path';
import type { ReportLanguage } from '../contract/reports';
import type { Store } from '../db/open';
import type { Dispatch } from '../handlers';
import { withDevice } from './device';
import { CliError, cliOptions, findCase, type Command, type CommandValues } from './kit';

/*
 * The frame of a command that prints a case's documents into a folder (`aeo report`, `aeo letter`): the
 * `--data DIR --case ID --out DIR [--lang en|ru]` arguments, the case found exactly, the printing run through the
 * app's dispatcher, and a refusal printed as `aeo <command>: …` with its exit code. Each command says only what it
 * prints.
 */

export type CasePrintJob = {
  dispatch: Dispatch;
  store: Store;
  caseId: string;
  /** The folder to write into (absolute). */
  out: string;
  /** Absent: the handler prints in the case's report language. */
  lang: ReportLanguage | undefined;
};

/** The values, or exit code 2 after saying what is wrong. */
function casePrintArgs(command: string, usage: string, values: CommandValues): { caseRef: string; out: string; lang: ReportLanguage | undefined } | 2 {
  const caseRef = typeof values.case === 'string' ? values.case.trim() : '';
  const out = typeof values.out === 'string' ? path.resolve(values.out) : '';
  const lang = values.lang as string | undefined;
  if (!caseRef || !out) {
    console.error(`aeo ${command}: --case and --out are required.\n\n${usage}`);
    return 2;
  }
  if (lang !== undefined && lang !== 'en' && lang !== 'ru') {
    console.error(`aeo ${command}: --lang must be en or ru, not "${lang}".`);
    return 2;
  }
  return { caseRef, out, lang };
}

export function casePrintCommand(command: string, usage: string, print: (job: CasePrintJob) => Promise<void>): Command {
  return {
    usage,
    options: cliOptions({ strings: ['data', 'case', 'out', 'lang'] }),
    async run(values) {
      const args = casePrintArgs(command, usage, values);
      if (args === 2) return 2;
      const { caseRef, out, lang } = args;
      try {
        return await withDevice(values, async (dispatch, store) => {
          await print({ dispatch, store, caseId: findCase(store, caseRef), out, lang });
          return 0;
        });
      } catch (error) {
        if (error instanceof CliError) {
          console.error(`aeo ${command}: ${error.message}`);
          return error.exitCode;
        }
        throw error;
      }
    },
  };
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BundleDetail, BundleSummary, ImportResult } from '../contract/bundles';
import { exportBundle } from '../domains/bundles';
import { CliError, findCase, need, rethrowApp, run, str, valueOf, type Command, cliOptions } from './kit';
import { withDevice } from './device';
import { localFile } from './local-files';
import { printable } from '../contract/printable';
import { printOpenItems, printReport } from './print-report';

/*
 * `aeo seal`, `export`, `import` and `bundles`: sealing and moving bundles on a device, through the same
 * dispatcher (and so the same checks and audit log) as the app.
 */

const SEAL_USAGE = `Usage: aeo seal --data DIR --case ID [--out FILE] [--lang en|ru] [--force] [--override-reason TEXT]

Seals the case's report (its latest version, or a new one if the case changed), both PDFs, the evidence and the
audit-log head into a signed bundle encrypted to HQ, the team leads and you. The device keeps it under
DIR/bundles; with --out it is also exported to FILE (.aeob): temp name, fsync, rename.

A case with open items (unconcluded criteria, no recommendation, unfinished checklist runs, risks without a
response, findings without an owner, inconsistencies) is refused and the items are listed; seal it anyway with
--override-reason TEXT, which the sealed report prints. Inconsistencies no reason can excuse (a grant while a
criterion is not met or unassessed, or a risk response is grounds to refuse; a recommendation without reasoning)
are refused even with --override-reason (REFUSED blocking_items).`;

export const sealCommand: Command = {
  usage: SEAL_USAGE,
  options: cliOptions({
    strings: ['data', 'case', 'out', 'lang', 'passphrase-file', 'override-reason'],
    flags: ['force', 'timing'],
  }),
  run: run(async (values) => {
    const caseRef = need(values.case, '--case', SEAL_USAGE);
    const overrideReason = str(values['override-reason']) ? (values['override-reason'] as string) : undefined;
    const out = str(values.out) ? path.resolve(values.out as string) : null;
    // Without --lang the PDFs print in the case's report language.
    const lang = values.lang === undefined ? undefined : values.lang === 'ru' ? 'ru' : 'en';
    return withDevice(values, async (dispatch, store) => {
      const caseId = findCase(store, caseRef);
      if (out && values.force !== true && existsSync(out)) throw new CliError(`${out} already exists (use --force to replace it).`);
      const result = await dispatch('bundles:seal', { caseId, ...(lang ? { lang } : {}), taskId: 'seal', ...(overrideReason ? { overrideReason } : {}) });
      const refusedFor = !result.ok ? result.error.issues?.[0]?.code : undefined;
      if (!result.ok && (refusedFor === 'open_items' || refusedFor === 'blocking_items')) {
        printOpenItems(refusedFor, result.error.issues?.slice(1) ?? []);
        return 1;
      }
      const sealed = valueOf<BundleDetail>('bundles:seal', result);
      if (out) {
        await exportBundle(store, sealed.summary.bundleId, out, values.force === true).catch(rethrowApp);
      }
      console.log(`${out ?? sealed.summary.bundleId}  ${sealed.summary.size} bytes`);
      printReport(sealed.report);
      return 0;
    });
  }),
};


export const exportCommand: Command = {
  usage: 'Usage: aeo export --data DIR --bundle ID --out FILE [--force]',
  options: { data: { type: 'string' }, bundle: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  run: run(async (values) => {
    const usage = 'Usage: aeo export --data DIR --bundle ID --out FILE [--force]';
    const bundleId = need(values.bundle, '--bundle', usage);
    const out = path.resolve(need(values.out, '--out', usage));
    return withDevice(values, async (_dispatch, store) => {
      const result = await exportBundle(store, bundleId, out, values.force === true).catch(rethrowApp);
      console.log(`${out}  ${result.size} bytes`);
      return 0;
    });
  }),
};

export const importCommand: Command = {
  usage: 'Usage: aeo import FILE --data DIR',
  options: { data: { type: 'string' }, 'passphrase-file': { type: 'string' }, timing: { type: 'boolean' } },
  run: run(async (values, positionals) => {
    const file = path.resolve(need(positionals[0], 'FILE', 'Usage: aeo import FILE --data DIR'));
    return withDevice(values, async (dispatch) => {
      const result = valueOf<ImportResult>('bundles:import', await dispatch('bundles:import', { source: localFile(file), taskId: 'import' }));
      if (result.outcome === 'rejected') {
        console.error(`REJECTED ${result.rejection.code}: ${printable(result.rejection.reason)}`);
        return 1;
      }
      console.log(result.outcome === 'imported' ? 'imported' : 'already imported (nothing changed)');
      printReport(result.bundle.report);
      return 0;
    });
  }),
};

export const bundlesCommand: Command = {
  usage: 'Usage: aeo bundles --data DIR [--case ID]',
  options: { data: { type: 'string' }, case: { type: 'string' } },
  run: run(async (values) =>
    withDevice(values, async (dispatch, store) => {
      const caseId = str(values.case) ? findCase(store, values.case as string) : undefined;
      const list = valueOf<BundleSummary[]>('bundles:list', await dispatch('bundles:list', caseId ? { caseId } : {}));
      for (const b of list) {
        const flags = b.flags.length ? `  [${b.flags.join(', ')}]` : '';
        console.log(printable(`${b.bundleId}  ${b.direction.padEnd(8)} ${b.caseNumber.padEnd(16)} #${b.sequence} ${b.signerName}  ${b.size} bytes${flags}`));
      }
      return 0;
    }),
  ),
};

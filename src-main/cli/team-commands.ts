import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BundleDetail, ImportResult } from '../contract/bundles';
import type { MergeOutcome, TeamAssignment } from '../contract/team';
import { exportBundle } from '../domains/bundles';
import { CliError, cliOptions, findCase, need, rethrowApp, run, str, valueOf, type Command } from './kit';
import { withDevice } from './device';
import { localFile } from './local-files';
import { printable, printableJson } from '../contract/printable';
import { printOpenItems, printReport } from './print-report';

/*
 * Team work offline (issue 12) from the command line: `aeo assign` splits a case between validators, `aeo handout`
 * seals it for them, `aeo merge` imports their field reports and seals the merged report — all through the same
 * dispatcher (checks, audit log) as the app.
 */

const list = (v: unknown) => (str(v) ?? '').split(',').map((s) => s.trim()).filter(Boolean);

const ASSIGN_USAGE = `Usage: aeo assign --data DIR --case ID --key KEYID [--sites ID,…] [--visits ID,…] [--interviews ID,…]
       [--runs TEMPLATE@VERSION[:SITEID],…] [--criteria A,B,…]

Sets the part of the case the validator with signing key KEYID (as in the trust list) covers, replacing what he
had. A run names a checklist template version and optionally a site; the run is created here so every laptop
shares its id, and the same run given to two validators is one run they both answer.`;

export const assignCommand: Command = {
  usage: ASSIGN_USAGE,
  options: cliOptions({ strings: ['data', 'case', 'key', 'sites', 'visits', 'interviews', 'runs', 'criteria'] }),
  run: run(async (values) => {
    const caseRef = need(values.case, '--case', ASSIGN_USAGE);
    const keyId = need(values.key, '--key', ASSIGN_USAGE).replace(/\s/g, '');
    const runs = list(values.runs).map((spec) => {
      const match = /^([^@:]+)@(\d+)(?::(.+))?$/.exec(spec);
      if (!match) throw new CliError(`not a run: ${printable(spec)} (TEMPLATE@VERSION[:SITEID])\n\n${ASSIGN_USAGE}`, 2);
      return { templateId: match[1], version: Number(match[2]), siteId: match[3] ?? null };
    });
    return withDevice(values, async (dispatch, store) => {
      const caseId = findCase(store, caseRef);
      const input = { caseId, keyId, sites: list(values.sites), visits: list(values.visits), interviews: list(values.interviews), runs, criteria: list(values.criteria) };
      const part = valueOf<TeamAssignment>('team:assign', await dispatch('team:assign', input));
      console.log(printable(`${part.name}: ${part.sites.length} sites, ${part.visits.length} visits, ${part.interviews.length} interviews, ${part.runs.length} runs, criteria ${part.criteria.join(',') || '-'}`));
      for (const r of part.runs) console.log(`run ${r.runId}  ${printable(`${r.templateId}@${r.version}`)}`);
      return 0;
    });
  }),
};

const HANDOUT_USAGE = `Usage: aeo handout --data DIR --case ID --out FILE [--force]

Seals the case, its plan, the assignments and the checklist template versions its runs pin into a handout bundle,
signed with your key and encrypted to the assigned validators, the team leads and HQ.`;

export const handoutCommand: Command = {
  usage: HANDOUT_USAGE,
  options: cliOptions({ strings: ['data', 'case', 'out', 'passphrase-file'], flags: ['force'] }),
  run: run(async (values) => {
    const caseRef = need(values.case, '--case', HANDOUT_USAGE);
    const out = path.resolve(need(values.out, '--out', HANDOUT_USAGE));
    if (values.force !== true && existsSync(out)) throw new CliError(`${out} already exists (use --force to replace it).`);
    return withDevice(values, async (dispatch, store) => {
      const caseId = findCase(store, caseRef);
      const handout = valueOf<BundleDetail>('team:handout', await dispatch('team:handout', { caseId, taskId: 'handout' }));
      await exportBundle(store, handout.summary.bundleId, out, values.force === true).catch(rethrowApp);
      console.log(`${out}  ${handout.summary.size} bytes`);
      printReport(handout.report);
      return 0;
    });
  }),
};

const MERGE_USAGE = `Usage: aeo merge --data DIR FILE... [--resolutions FILE] --out FILE [--override-reason TEXT] [--json] [--lang en|ru] [--force]

Imports the field reports FILE... (each fully verified), merges them with the case's other field reports against
the handout they started from, and seals the merged report to --out. Exit 1 with the open hard conflicts (as text,
or JSON with --json) unless --resolutions decides every one of them: a JSON array of
  {"conflictId": "...", "side": "<signer key id>", "reason": "..."}  or  {"conflictId": "...", "value": <new value>, "reason": "..."}
Decisions kept in the app's conflict queue count too. Like \`aeo seal\`, a merged case with open pre-seal items is
refused (REFUSED open_items) unless --override-reason says why it is sealed anyway.`;

export const mergeCommand: Command = {
  usage: MERGE_USAGE,
  options: cliOptions({ strings: ['data', 'resolutions', 'override-reason', 'out', 'lang', 'passphrase-file'], flags: ['json', 'force'] }),
  run: run(async (values, positionals) => {
    if (positionals.length === 0) throw new CliError(`FILE is required.\n\n${MERGE_USAGE}`, 2);
    const out = path.resolve(need(values.out, '--out', MERGE_USAGE));
    if (values.force !== true && existsSync(out)) throw new CliError(`${out} already exists (use --force to replace it).`);
    const resolutions = str(values.resolutions) ? await readResolutions(path.resolve(values.resolutions as string)) : [];
    return withDevice(values, async (dispatch, store) => {
      const bundleIds: string[] = [];
      let caseId: string | null = null;
      for (const file of positionals) {
        const result = valueOf<ImportResult>('bundles:import', await dispatch('bundles:import', { source: localFile(path.resolve(file)) }));
        if (result.outcome === 'rejected') throw new CliError(`REJECTED ${result.rejection.code}: ${printable(result.rejection.reason)} (${printable(file)})`);
        const report = result.bundle.report;
        if (caseId !== null && report.caseId !== caseId) throw new CliError(`REJECTED input_other_case: ${printable(file)} is a report of case ${printable(report.caseNumber)}`);
        caseId = report.caseId;
        if (!bundleIds.includes(report.bundleId)) bundleIds.push(report.bundleId);
      }
      const input = { caseId: caseId as string, bundleIds, resolutions, ...(values.lang === undefined ? {} : { lang: values.lang === 'ru' ? 'ru' : 'en' }), taskId: 'merge' };
      // First the merge alone: with hard conflicts open the seal is refused, and the list is what the lead needs.
      const preview = valueOf<MergeOutcome>('team:merge', await dispatch('team:merge', input));
      if (preview.open.length > 0) {
        const outcome = preview;
        const open = outcome.conflicts.filter((c) => outcome.open.includes(c.id));
        if (values.json === true) console.log(printableJson({ open }));
        else {
          console.error(`${open.length} hard conflict(s) open; the merged report is not sealed:`);
          for (const c of open) {
            console.log(printable(`${c.id}  (${c.kind})  base ${c.baseJson}`));
            for (const s of c.sides) console.log(printable(`    ${s.side}  ${s.name}: ${s.deleted ? 'deleted' : s.valueJson}`));
          }
        }
        return 1;
      }
      const overrideReason = str(values['override-reason']);
      const result = await dispatch('team:merge', { ...input, seal: true, ...(overrideReason ? { overrideReason } : {}) });
      const refusedFor = !result.ok ? result.error.issues?.[0]?.code : undefined;
      if (!result.ok && (refusedFor === 'open_items' || refusedFor === 'blocking_items')) {
        printOpenItems(refusedFor, result.error.issues?.slice(1) ?? []);
        return 1;
      }
      const outcome = valueOf<MergeOutcome>('team:merge', result);
      if (!outcome.merged) throw new CliError('the merged report was not sealed');
      await exportBundle(store, outcome.merged.summary.bundleId, out, values.force === true).catch(rethrowApp);
      const soft = outcome.conflicts.filter((c) => c.kind === 'soft').length;
      console.log(`${out}  ${outcome.merged.summary.size} bytes  (${outcome.sides.length} field reports, ${outcome.conflicts.length - soft} conflicts resolved, ${soft} merged side by side)`);
      printReport(outcome.merged.report);
      return 0;
    });
  }),
};

async function readResolutions(file: string): Promise<{ conflictId: string; side: string | null; valueJson: string | null; reason: string }[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read the resolutions file ${file}: ${(error as Error).message}`, 2);
  }
  const entries = Array.isArray(parsed) ? parsed : (parsed as { resolutions?: unknown })?.resolutions;
  if (!Array.isArray(entries)) throw new CliError('the resolutions file is a JSON array of {conflictId, side | value, reason}', 2);
  return entries.map((e: Record<string, unknown>) => ({
    conflictId: String(e.conflictId ?? ''),
    side: typeof e.side === 'string' ? e.side : null,
    valueJson: 'value' in e ? JSON.stringify(e.value) : null,
    reason: String(e.reason ?? ''),
  }));
}

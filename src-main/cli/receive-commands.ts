import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readStatement, verifyBundle } from '../core/bundle/verify';
import { parseIdentityFile } from '../core/keys';
import { copyFileAtomic } from '../core/fs-atomic';
import { CliError, need, run, str, Timing, type Command } from './kit';
import { printable, printableJson } from '../contract/printable';
import { printReport } from './print-report';
import { ANCHOR_OPTIONS, ANCHOR_USAGE, trustForVerifying } from './trust-anchor';

/*
 * For the receiver: `aeo verify`, `inspect` and `pdf` need no data folder. An HQ officer runs them on a received
 * bundle with a trust-list file, an age identity file and an HQ anchor that says which HQ key the list must be
 * signed by.
 */

async function readIdentities(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliError(`cannot read the identity file ${file}`);
  });
  try {
    return parseIdentityFile(text);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

const VERIFY_USAGE = `Usage: aeo verify FILE --trust TRUSTLIST --identity IDENTITY (--hq-key KEYID | --anchor FILE | --tofu)

Decrypts FILE with the age identity, checks it against the signed trust list and re-hashes every file. Exit 0
and prints signer, role, case and files; otherwise exit 1 with the rejection code and reason.
${ANCHOR_USAGE}`;

export const verifyCommand: Command = {
  usage: VERIFY_USAGE,
  options: { trust: { type: 'string' }, identity: { type: 'string' }, ...ANCHOR_OPTIONS, timing: { type: 'boolean' } },
  run: run(async (values, positionals) => {
    const timing = new Timing(values.timing === true);
    const file = path.resolve(need(positionals[0], 'FILE', VERIFY_USAGE));
    const trust = await trustForVerifying(values, path.resolve(need(values.trust, '--trust', VERIFY_USAGE)));
    const identities = await readIdentities(path.resolve(need(values.identity, '--identity', VERIFY_USAGE)));
    const { report } = await verifyBundle({ path: file, identities, trustList: trust.trustList, onProgress: (phase) => timing.mark(phase) });
    console.log(trust.tofu ? 'VERIFIED (trust on first use)' : 'VERIFIED');
    console.log(trust.basis);
    printReport(report);
    timing.report();
    return 0;
  }),
};

const INSPECT_USAGE = `Usage: aeo inspect FILE --identity IDENTITY [--trust TRUSTLIST (--hq-key KEYID | --anchor FILE | --tofu)]

Prints the signed statement as JSON. Without --trust the signature and the files are not checked.
${ANCHOR_USAGE}`;

export const inspectCommand: Command = {
  usage: INSPECT_USAGE,
  options: { trust: { type: 'string' }, identity: { type: 'string' }, ...ANCHOR_OPTIONS },
  run: run(async (values, positionals) => {
    const file = path.resolve(need(positionals[0], 'FILE', INSPECT_USAGE));
    const identities = await readIdentities(path.resolve(need(values.identity, '--identity', INSPECT_USAGE)));
    if (str(values.trust)) {
      const trust = await trustForVerifying(values, path.resolve(values.trust as string));
      const { statement } = await verifyBundle({ path: file, identities, trustList: trust.trustList });
      console.error(trust.basis);
      console.log(printableJson(statement));
      return 0;
    }
    const { statement } = await readStatement(file, identities);
    console.error('note: without --trust the signature and the files were not checked.');
    console.log(printableJson(statement));
    return 0;
  }),
};

const PDF_USAGE = `Usage: aeo pdf FILE --out DIR --trust TRUSTLIST --identity IDENTITY (--hq-key KEYID | --anchor FILE | --tofu)

Verifies FILE and writes its sealed report's PDFs into DIR.
${ANCHOR_USAGE}`;

export const pdfCommand: Command = {
  usage: PDF_USAGE,
  options: { out: { type: 'string' }, trust: { type: 'string' }, identity: { type: 'string' }, ...ANCHOR_OPTIONS },
  run: run(async (values, positionals) => {
    const file = path.resolve(need(positionals[0], 'FILE', PDF_USAGE));
    const out = path.resolve(need(values.out, '--out', PDF_USAGE));
    const trust = await trustForVerifying(values, path.resolve(need(values.trust, '--trust', PDF_USAGE)));
    const identities = await readIdentities(path.resolve(need(values.identity, '--identity', PDF_USAGE)));
    const stageDir = await mkdtemp(path.join(os.tmpdir(), 'aeo-pdf-'));
    try {
      const { report, staged } = await verifyBundle({
        path: file,
        identities,
        trustList: trust.trustList,
        stageDir,
        stageRoles: ['validation-report-pdf', 'control-plan-pdf'],
      });
      await mkdir(out, { recursive: true });
      console.log(trust.basis);
      for (const f of report.files.filter((x) => x.role.endsWith('-pdf'))) {
        const source = staged.get(f.sha256);
        if (!source) continue;
        const target = path.join(out, path.basename(f.displayName).replace(/[^\p{L}\p{N}._-]+/gu, '_'));
        // Published whole (temp, flush, rename) with its mode set at creation: a reader never sees half a PDF.
        await copyFileAtomic(source, target, { mode: 0o644, overwrite: true });
        console.log(`${printable(target)}  ${f.size} bytes  sha256 ${f.sha256}  (verified, signed by ${printable(report.signer.name)})`);
      }
      return 0;
    } finally {
      await rm(stageDir, { recursive: true, force: true });
    }
  }),
};

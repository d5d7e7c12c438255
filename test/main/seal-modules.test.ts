import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcoCriteria } from '../../src-main/contract/checklist-template';
import type { PdfResult } from '../../src-main/contract/reports';
import { entryArgs } from '../support/built-app';
import { device, enrollmentOf, importTrust, PASSPHRASE, trustFile, type Device } from '../support/bundle-devices';
import { fileSource } from '../support/local-files';
import { loaded, PRINTING_AND_IMAGES, traced } from '../support/module-trace';
import { call, sampleCase, tempDir } from '../support/temp-store';

/*
 * Issue 14: "load sharp, pdfmake, fonts and the age library only when a command needs them", and "sealing reuses
 * the PDFs already printed for the frozen report version". `aeo seal` of a version whose PDFs `aeo report` (here
 * `reports:pdf`) already printed prints nothing (no printing phase, the print records unchanged) and never loads
 * the PDF stack or sharp; `aeo import` of the bundle at HQ loads neither. Each runs as its own process under the
 * module-load log of test/support/module-trace.ts. Their memory is measured in `npm run bench`.
 */

const work = tempDir('aeo-seal-modules-');
const passFile = path.join(work, 'pass.txt');
let validator: Device;
let hq: Device;
let caseId: string;
let bundlePath: string;

const printRecords = (dataDir: string) => {
  const db = new Database(path.join(dataDir, 'aeo.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT report_version_id AS versionId, document, lang, sha256, printed_at AS printedAt FROM printed_pdfs ORDER BY document').all();
  } finally {
    db.close();
  }
};
const timingOf = (stderr: string) => JSON.parse(/AEO_TIMING (.*)/.exec(stderr)?.[1] ?? 'null') as { phases: Record<string, number> } | null;

beforeAll(async () => {
  writeFileSync(passFile, `${PASSPHRASE}\n`);
  [validator, hq] = await Promise.all([device('Dana Validator', 'validator', path.join(work, 'dana')), device('Aliya HQ', 'team_lead', path.join(work, 'hq'))]);
  const trust = await trustFile(hq, [
    { enrollment: await enrollmentOf(hq), role: 'hq' },
    { enrollment: await enrollmentOf(validator), role: 'validator' },
  ]);
  for (const d of [validator, hq]) await importTrust(d.dispatch, trust);
  // A case with nothing open (no override reason to print), one evidence file, both PDFs printed for its version.
  caseId = (await call<{ id: string }>(validator.dispatch, 'cases:create', sampleCase())).id;
  for (const criterion of wcoCriteria) await call(validator.dispatch, 'assessment:setConclusion', { caseId, criterion, conclusion: 'met', text: `Criterion ${criterion} met.` });
  await call(validator.dispatch, 'assessment:update', { caseId, patch: { recommendation: 'grant', reasoning: 'Every criterion is met.' } });
  writeFileSync(path.join(work, 'scan.bin'), randomBytes(200_000));
  await call(validator.dispatch, 'evidence:attach', { caseId, source: fileSource(path.join(work, 'scan.bin')) });
  for (const document of ['validation-report', 'control-plan'] as const) await call<PdfResult>(validator.dispatch, 'reports:pdf', { caseId, document });
  for (const d of [validator, hq]) d.store.close();
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a seal of an already printed version, and its import', () => {
  it('aeo seal prints nothing, keeps the print records, and loads no PDF stack, fonts or sharp', async () => {
    const before = printRecords(validator.dataDir);
    expect(before).toHaveLength(2);
    const sealed = await traced(work, entryArgs('cli'), ['seal', '--data', validator.dataDir, '--case', caseId, '--timing', '--passphrase-file', passFile]);
    expect(sealed.code, sealed.stderr).toBe(0);
    const phases = Object.keys(timingOf(sealed.stderr)?.phases ?? {});
    expect(phases).toContain('sealing');
    expect(phases.filter((p) => p.startsWith('printing'))).toEqual([]);
    // The records (and so the files sealed: each re-hashed against them) are the ones printed before.
    expect(printRecords(validator.dataDir)).toEqual(before);
    expect(loaded(sealed.lines, PRINTING_AND_IMAGES)).toEqual([]);
    bundlePath = path.join(validator.dataDir, 'bundles', `${/^(\S+) {2}\d+ bytes/m.exec(sealed.stdout)?.[1] ?? ''}.aeob`);
  }, 120_000);

  it('aeo import at HQ loads no PDF stack, fonts or sharp', async () => {
    const imported = await traced(work, entryArgs('cli'), ['import', bundlePath, '--data', hq.dataDir, '--passphrase-file', passFile]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^imported/m);
    expect(loaded(imported.lines, PRINTING_AND_IMAGES)).toEqual([]);
  }, 120_000);
});

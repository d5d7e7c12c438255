import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleDetail } from '../../src-main/contract/bundles';
import { wcoCriteria } from '../../src-main/contract/checklist-template';
import type { PdfResult } from '../../src-main/contract/reports';
import { verifyBundle } from '../../src-main/core/bundle/verify';
import { loadInstalledTrustList } from '../../src-main/core/bundle/trust-list';
import { device, enrollmentOf, importTrust, signingKeyOf, trustFile, type Device } from '../support/bundle-devices';
import { call, sampleCase, sampleOperator } from '../support/temp-store';

/*
 * Issue 14: printing happens once per frozen report version. A seal after `reports:pdf` carries the PDFs that were
 * printed, byte for byte, and prints nothing (no printing progress, no new print record, the files untouched); a
 * PDF whose file was altered since is printed again rather than sealed.
 */

let validator: Device;
let hq: Device;
let trustText: string;
let hqIdentity: string;

const printRecords = (d: Device) =>
  d.store.sqlite.prepare('SELECT document, lang, sha256, printed_at AS printedAt FROM printed_pdfs ORDER BY document, lang').all() as {
    document: string;
    lang: string;
    sha256: string;
    printedAt: string;
  }[];
const printAudits = (d: Device) => d.store.sqlite.prepare("SELECT count(*) FROM audit_log WHERE field LIKE 'pdf.%'").pluck().get() as number;
const printingEvents = (d: Device) => d.events.filter((e) => e.phase.startsWith('printing')).length;

/** The PDFs a bundle carries, by role, after a full verification (as HQ would read them). */
async function sealedPdfs(bundle: string): Promise<Map<string, Buffer>> {
  const stageDir = await mkdtemp(path.join(os.tmpdir(), 'aeo-sealed-pdfs-'));
  try {
    const { report, staged } = await verifyBundle({
      path: bundle,
      identities: [hqIdentity],
      trustList: loadInstalledTrustList(trustText, []),
      stageDir,
      stageRoles: ['validation-report-pdf', 'control-plan-pdf'],
    });
    const out = new Map<string, Buffer>();
    for (const f of report.files.filter((x) => x.role.endsWith('-pdf'))) out.set(f.role, readFileSync(staged.get(f.sha256)!));
    return out;
  } finally {
    rmSync(stageDir, { recursive: true, force: true });
  }
}

/** A case with nothing open before sealing (every criterion concluded, a reasoned recommendation): it seals without an override. */
async function completeCase(n: number): Promise<string> {
  const { id } = await call<{ id: string }>(
    validator.dispatch,
    'cases:create',
    sampleCase({ caseNumber: `AEO-2026-07${n}`, newOperator: { ...sampleOperator, identificationNumber: `KZ-BIN-14044001234${n}` } }),
  );
  for (const criterion of wcoCriteria) await call(validator.dispatch, 'assessment:setConclusion', { caseId: id, criterion, conclusion: 'met', text: `Criterion ${criterion} met.` });
  await call(validator.dispatch, 'assessment:update', { caseId: id, patch: { recommendation: 'grant', reasoning: 'Every criterion is met.' } });
  expect(await call(validator.dispatch, 'reports:preSealCheck', { caseId: id })).toEqual([]);
  return id;
}

async function printBoth(caseId: string): Promise<Record<string, PdfResult>> {
  const out: Record<string, PdfResult> = {};
  for (const document of ['validation-report', 'control-plan'] as const) out[document] = await call<PdfResult>(validator.dispatch, 'reports:pdf', { caseId, document, lang: 'en' });
  return out;
}

beforeAll(async () => {
  [validator, hq] = await Promise.all([device('Dana Validator'), device('Aliya HQ', 'team_lead')]);
  const trust = await trustFile(hq, [
    { enrollment: await enrollmentOf(hq), role: 'hq' },
    { enrollment: await enrollmentOf(validator), role: 'validator' },
  ]);
  trustText = trust.toString();
  expect((await importTrust(validator.dispatch, trust)).outcome).toBe('installed');
  hqIdentity = (await signingKeyOf(hq)).ageIdentity;
}, 60_000);
afterAll(() => {
  for (const d of [validator, hq]) d?.dispose();
});

describe('sealing reuses the PDFs printed for the frozen version', () => {
  it('print, then seal: nothing is printed again and the sealed PDFs are the printed files byte for byte', async () => {
    const caseId = await completeCase(1);
    const printed = await printBoth(caseId);
    const records = printRecords(validator);
    expect(records.map((r) => r.document)).toEqual(['control-plan', 'validation-report']);
    expect(records.map((r) => r.sha256)).toEqual([printed['control-plan']!.sha256, printed['validation-report']!.sha256]);
    const files = Object.fromEntries(Object.entries(printed).map(([doc, p]) => [doc, { bytes: readFileSync(p.path), mtimeMs: statSync(p.path).mtimeMs, ino: statSync(p.path).ino }]));
    const audits = printAudits(validator);
    expect(audits).toBe(2);

    // Printing the same version again answers the recorded files without printing.
    const events = printingEvents(validator);
    const again = await printBoth(caseId);
    expect(again['validation-report']!.sha256).toBe(printed['validation-report']!.sha256);
    expect(printAudits(validator)).toBe(audits);

    const sealed = await call<BundleDetail>(validator.dispatch, 'bundles:seal', { caseId, lang: 'en', taskId: 't1' });
    // The seal froze the same version and printed nothing: no printing progress, no new record, files untouched.
    expect(sealed.summary.reportVersionId).toBe(printed['validation-report']!.versionId);
    expect(printingEvents(validator)).toBe(events);
    expect(printRecords(validator)).toEqual(records);
    expect(printAudits(validator)).toBe(audits);
    for (const [doc, p] of Object.entries(printed)) {
      expect(statSync(p.path).mtimeMs, doc).toBe(files[doc]!.mtimeMs);
      expect(statSync(p.path).ino, doc).toBe(files[doc]!.ino);
    }
    const inBundle = await sealedPdfs(path.join(validator.dataDir, 'bundles', `${sealed.summary.bundleId}.aeob`));
    expect(inBundle.get('validation-report-pdf')!.equals(files['validation-report']!.bytes)).toBe(true);
    expect(inBundle.get('control-plan-pdf')!.equals(files['control-plan']!.bytes)).toBe(true);
    // Sealed: the record of its PDFs is as immutable as the version.
    expect(() => validator.store.sqlite.prepare('DELETE FROM printed_pdfs').run()).toThrow(/immutable/);
    expect(() => validator.store.sqlite.prepare("UPDATE printed_pdfs SET sha256 = 'x'").run()).toThrow(/immutable/);
  }, 120_000);

  it('an altered printed file is printed again, never sealed', async () => {
    const caseId = await completeCase(2);
    const printed = await printBoth(caseId);
    const before = printingEvents(validator);
    // Someone edits the printed report on disk before the seal: the seal re-hashes it against the record and prints anew.
    writeFileSync(printed['validation-report']!.path, Buffer.concat([readFileSync(printed['validation-report']!.path), Buffer.from('\n% edited')]));
    const sealed = await call<BundleDetail>(validator.dispatch, 'bundles:seal', { caseId, lang: 'en', taskId: 't2' });
    expect(printingEvents(validator)).toBeGreaterThan(before);
    const inBundle = await sealedPdfs(path.join(validator.dataDir, 'bundles', `${sealed.summary.bundleId}.aeob`));
    expect(inBundle.get('validation-report-pdf')!.toString('latin1')).not.toContain('% edited');
    // The same frozen model printed again gives the same bytes: the record made at the first print holds.
    expect(createHash('sha256').update(inBundle.get('validation-report-pdf')!).digest('hex')).toBe(printed['validation-report']!.sha256);
  }, 120_000);
});

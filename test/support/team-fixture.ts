import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BundleDetail, ImportResult } from '../../src-main/contract/bundles';
import type { TrustImportResult } from '../../src-main/contract/trust';
import type { TeamAssignment } from '../../src-main/contract/team';
import { exportBundle } from '../../src-main/domains/bundles';
import { device, enrollmentOf, importTrust, signingKeyOf, trustFile, type Device } from './bundle-devices';
import { fileSource } from './local-files';
import { grayPng } from './png';
import { call, sampleCase, tempDir } from './temp-store';

/*
 * A team lead (on any store: an in-process device or the browser tests' preview server) hands a case out to two
 * validators; they disagree on one checklist answer (value and note, each with his own photo), change different
 * fields of one risk (soft), and one removes a finding the other edits; both seal field reports onto a "stick".
 * The lead's keys must exist; the lead imports the field reports herself (that is what the tests exercise).
 */

export type Lead = { api: <T>(channel: string, input?: unknown) => Promise<T>; dataDir: string };

export type Team = {
  hq: Device;
  dana: Device;
  arman: Device;
  keyOf: { dana: string; arman: string };
  caseId: string;
  runId: string;
  riskId: string;
  findingId: string;
  stick: string;
  files: { dana: string; arman: string };
  /** Arman's second thoughts on the disputed answer, sealed as a newer field report; its file. */
  reseal(value: string): Promise<string>;
  dispose(): void;
};

export const FIELD_OVERRIDE = 'Field report: my part only, the rest is the team’s.';

const importFile = (d: Device, file: string) => call<ImportResult>(d.dispatch, 'bundles:import', { source: fileSource(file) });

async function leadTrust(lead: Lead, trust: Buffer): Promise<void> {
  const source = { content: trust.toString() };
  const first = await lead.api<TrustImportResult>('trust:import', { source });
  if (first.outcome === 'needs_confirmation') await lead.api('trust:import', { source, confirmFingerprint: first.signedBy[0]?.fingerprint });
}

export async function teamSetup(lead: Lead): Promise<Team> {
  const [hq, dana, arman] = await Promise.all([device('Aliya HQ', 'team_lead'), device('Dana Validator'), device('Arman Validator')]);
  const stick = tempDir('aeo-team-stick-');
  const keyOf = { dana: (await signingKeyOf(dana)).keyId, arman: (await signingKeyOf(arman)).keyId };
  const trust = await trustFile(hq, [
    { enrollment: await enrollmentOf(hq), role: 'hq' },
    { enrollment: (await lead.api<{ content: string }>('keys:exportEnrollment', {})).content, role: 'team_lead' },
    { enrollment: await enrollmentOf(dana), role: 'validator' },
    { enrollment: await enrollmentOf(arman), role: 'validator' },
  ]);
  for (const d of [hq, dana, arman]) await importTrust(d.dispatch, trust);
  await leadTrust(lead, trust);

  const caseId = (await lead.api<{ id: string }>('cases:create', sampleCase())).id;
  const siteId = (await lead.api<{ id: string }>('plan:saveSite', { caseId, name: 'Main warehouse', address: 'Almaty', kind: 'warehouse' })).id;
  const riskId = (await lead.api<{ id: string }>('risks:create', { caseId, title: 'Unsealed containers', likelihood: 2, consequence: 3 })).id;
  const findingId = (await lead.api<{ id: string }>('findings:create', { caseId, description: 'Seal log not kept', requiredAction: 'Keep a seal log' })).id;
  const run = { templateId: 'ctpat-container-7pt', version: 4, siteId };
  const runId = (await lead.api<TeamAssignment>('team:assign', { caseId, keyId: keyOf.dana, sites: [siteId], runs: [run] })).runs[0]?.runId as string;
  await lead.api('team:assign', { caseId, keyId: keyOf.arman, runs: [run] });
  const handout = await lead.api<BundleDetail>('team:handout', { caseId });
  const handoutFile = path.join(stick, 'handout.aeob');
  copyFileSync(path.join(lead.dataDir, 'bundles', `${handout.summary.bundleId}.aeob`), handoutFile);
  for (const d of [dana, arman]) await importFile(d, handoutFile);

  const answer = (d: Device, itemId: string, value: string, note?: string) => call(d.dispatch, 'runs:answer', { runId, itemId, value, ...(note ? { note } : {}) });
  const photo = (d: Device, name: string, shade: number, caption: string) => {
    const file = path.join(stick, name);
    writeFileSync(file, grayPng(64, 48, shade));
    return call(d.dispatch, 'evidence:attach', { caseId, runId, itemId: 'left-side', source: fileSource(file), caption });
  };
  await answer(dana, 'front-wall', 'compliant');
  await answer(arman, 'front-wall', 'compliant');
  await answer(dana, 'left-side', 'compliant', 'Wall intact');
  await answer(arman, 'left-side', 'non_compliant', 'Dent at 1.2 m');
  await photo(dana, 'dana-left.png', 200, 'Left side, Dana');
  await photo(arman, 'arman-left.png', 60, 'Dent, Arman');
  await call(dana.dispatch, 'risks:update', { id: riskId, patch: { likelihood: 4 } });
  await call(arman.dispatch, 'risks:update', { id: riskId, patch: { title: 'Unsealed containers in the yard' } });
  await call(arman.dispatch, 'findings:remove', { id: findingId });
  await call(dana.dispatch, 'findings:update', { id: findingId, patch: { requiredAction: 'Keep a numbered seal log' } });

  let sealed = 0;
  const sealTo = async (d: Device, name: string) => {
    const bundle = await call<BundleDetail>(d.dispatch, 'bundles:seal', { caseId, overrideReason: FIELD_OVERRIDE });
    const file = path.join(stick, `${name}-${++sealed}.aeob`);
    await exportBundle(d.store, bundle.summary.bundleId, file, true);
    return file;
  };
  const files = { dana: await sealTo(dana, 'dana'), arman: await sealTo(arman, 'arman') };
  return {
    hq,
    dana,
    arman,
    keyOf,
    caseId,
    runId,
    riskId,
    findingId,
    stick,
    files,
    async reseal(value) {
      await answer(arman, 'left-side', value, 'Dent at 1.2 m');
      return sealTo(arman, 'arman');
    },
    dispose() {
      for (const d of [hq, dana, arman]) d.dispose();
      rmSync(stick, { recursive: true, force: true });
    },
  };
}

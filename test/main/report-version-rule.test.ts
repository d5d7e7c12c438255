import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportVersionSummary } from '../../src-main/contract/reports';
import { newId } from '../../src-main/core/ids';
import type { UserActor } from '../../src-main/db/audit-chain';
import { latestUnlessChanged } from '../../src-main/domains/reports';
import { call, openTestApp, sampleCase, type TestApp } from '../support/temp-store';

/*
 * "The latest report version unless the case changed": the one rule sealing (`bundles:seal`) and printing by case
 * (`reports:pdf` without a version) both go through.
 */

let app: TestApp;
let caseId: string;
let actor: UserActor;
let asked: number;
const who = () => {
  asked += 1;
  return actor;
};

beforeAll(async () => {
  app = openTestApp();
  const user = await call<{ id: string; name: string }>(app.dispatch, 'users:create', { name: 'Dana Validator', role: 'validator' });
  actor = { id: user.id, name: user.name };
  caseId = (await call<{ id: string }>(app.dispatch, 'cases:create', sampleCase())).id;
});
afterAll(() => app.dispose());

const versionCount = () => app.store.sqlite.prepare('SELECT count(*) FROM report_versions WHERE case_id = ?').pluck().get(caseId) as number;

describe('latestUnlessChanged', () => {
  it('freezes a first version when the case has none, asking who acts', () => {
    asked = 0;
    const first = latestUnlessChanged(app.store, caseId, who);
    expect(first.created).toBe(true);
    expect(first.row.version).toBe(1);
    expect(first.row.supersedesId).toBeNull();
    expect(first.model.case.caseNumber).toBe('AEO-2026-0001');
    expect(asked).toBe(1);
    expect(versionCount()).toBe(1);
  });

  it('returns the latest version while nothing changed, even though a model composed now has another time', () => {
    asked = 0;
    const again = latestUnlessChanged(app.store, caseId, who);
    expect(again.created).toBe(false);
    expect(again.row.version).toBe(1);
    expect(asked).toBe(0); // nobody needs to act to read
    expect(versionCount()).toBe(1);
  });

  it('freezes a new version superseding the latest after the case changed', async () => {
    const before = latestUnlessChanged(app.store, caseId, who).row;
    await call(app.dispatch, 'assessment:update', { caseId, patch: { recommendation: 'postpone' } });
    const after = latestUnlessChanged(app.store, caseId, who);
    expect(after.created).toBe(true);
    expect(after.row.version).toBe(2);
    expect(after.row.supersedesId).toBe(before.id);
    expect(versionCount()).toBe(2);
    expect(latestUnlessChanged(app.store, caseId, who).row.id).toBe(after.row.id);
  });

  it('returns a sealed latest version as it is (sealing refuses it, printing prints it)', () => {
    const latest = latestUnlessChanged(app.store, caseId, who).row;
    app.store.sqlite.prepare("UPDATE report_versions SET status = 'sealed', sealed_at = ? WHERE id = ?").run(new Date().toISOString(), latest.id);
    const again = latestUnlessChanged(app.store, caseId, who);
    expect(again).toMatchObject({ created: false, row: { id: latest.id, status: 'sealed' } });
  });
});

describe('reports:versionForPrint', () => {
  it('answers the version the rule picks, through the dispatcher: the same one while nothing changed, a new draft after a change', async () => {
    const latest = latestUnlessChanged(app.store, caseId, who).row;
    const chosen = await call<ReportVersionSummary>(app.dispatch, 'reports:versionForPrint', { caseId });
    expect(chosen).toMatchObject({ id: latest.id, version: latest.version, caseId });
    expect(await call<ReportVersionSummary>(app.dispatch, 'reports:versionForPrint', { caseId })).toEqual(chosen);
    const count = versionCount();
    await call(app.dispatch, 'assessment:update', { caseId, patch: { recommendation: 'grant' } });
    const next = await call<ReportVersionSummary>(app.dispatch, 'reports:versionForPrint', { caseId });
    expect(next).toMatchObject({ version: chosen.version + 1, supersedesId: chosen.id, status: 'draft', createdByName: 'Dana Validator' });
    expect(versionCount()).toBe(count + 1);
  });

  it('refuses an unknown case and writes nothing', async () => {
    const count = versionCount();
    const answer = await app.dispatch('reports:versionForPrint', { caseId: newId() });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(versionCount()).toBe(count);
  });
});

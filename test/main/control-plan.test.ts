import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlMeasure, ControlPlan } from '../../src-main/contract/control-plan';
import type { Risk } from '../../src-main/contract/risks';
import { DEFAULT_RISK_MATRIX } from '../../src-main/contract/risk-scale';
import { buildReportFixture, openAppWithReport, type ReportFixture } from '../support/report-fixture';
import { call, openTestApp, type TestApp } from '../support/temp-store';

let app: TestApp;
let fx: ReportFixture;
let other: ReportFixture;
beforeAll(async () => {
  ({ app, fx } = await openAppWithReport({ photos: 0 }));
  other = await buildReportFixture(app, { caseNumber: 'AEO-2026-0002', photos: 0, unfinished: true });
});
afterAll(() => app.dispose());

const count = (sql: string) => app.store.sqlite.prepare(sql).pluck().get() as number;
const snapshot = () => ({
  measures: count('SELECT count(*) FROM control_measures'),
  audit: count('SELECT count(*) FROM audit_log'),
});
const measure = (input: Record<string, unknown>) =>
  app.dispatch('controlPlan:saveMeasure', {
    caseId: fx.caseId,
    measure: 'document_check',
    frequency: 'annually',
    accountManager: 'Тимур Ахметов',
    ...input,
  });

describe('settings', () => {
  it('a new device uses the default matrix and a 24-month monitoring period', async () => {
    const fresh = openTestApp();
    try {
      const settings = await call<{ maxMonitoringMonths: number; riskMatrix: string[][] }>(fresh.dispatch, 'settings:get', {});
      expect(settings.maxMonitoringMonths).toBe(24);
      expect(settings.riskMatrix).toEqual(DEFAULT_RISK_MATRIX);
      const bad = await fresh.dispatch('settings:update', { maxMonitoringMonths: 0 });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'maxMonitoringMonths' }] } });
    } finally {
      fresh.dispose();
    }
  });
});

describe('control plan measures', () => {
  it.each([
    ['no risk at all', {}],
    ['a risk of another case', { riskId: 'OTHER' }],
    ['an unknown risk', { riskId: '01900000-0000-7000-8000-000000000000' }],
  ])('a measure with %s → invalid_input at riskId, nothing written', async (_label, input) => {
    const before = snapshot();
    const riskId = (input as { riskId?: string }).riskId === 'OTHER' ? other.risks[0]!.id : (input as { riskId?: string }).riskId;
    const result = await measure(riskId ? { riskId } : {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'riskId' }] } });
    expect(snapshot()).toEqual(before);
  });

  it('refuses an unknown measure kind or frequency at its path', async () => {
    const bad = await measure({ riskId: fx.risks[2]!.id, measure: 'telepathy', frequency: 'hourly' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.path).sort()).toEqual(['frequency', 'measure']);
  });

  it('lists each residual risk with its measures and names the risks nobody monitors yet', async () => {
    const plan = await call<ControlPlan>(app.dispatch, 'controlPlan:get', { caseId: fx.caseId });
    expect(plan.residualRisks.map((r) => r.riskId)).toEqual(fx.risks.map((r) => r.id));
    expect(plan.residualRisks[0]!.measureIds).toEqual([fx.measures[0]!.id]);
    expect(plan.residualRisks[0]!.residual).toEqual({ score: 8, level: 'medium' });
    expect(plan.unmonitoredRiskIds).toEqual([fx.risks[2]!.id]);
  });

  it('derives the schedule from the authorization date up to the re-evaluation, which comes last', async () => {
    const plan = await call<ControlPlan>(app.dispatch, 'controlPlan:get', { caseId: fx.caseId });
    expect(plan.authorizationDate).toBe('2026-12-20');
    expect(plan.maxMonitoringMonths).toBe(24);
    expect(plan.reevaluationDue).toBe('2028-12-20');
    const visits = plan.schedule.filter((e) => e.measureId === fx.measures[0]!.id).map((e) => e.date);
    expect(visits).toEqual(['2026-12-20', '2027-06-20', '2027-12-20', '2028-06-20', '2028-12-20']);
    const indicator = plan.schedule.filter((e) => e.measureId === fx.measures[1]!.id).map((e) => e.date);
    expect(indicator[0]).toBe('2027-01-15'); // its own start date
    expect(indicator).toHaveLength(8);
    expect(plan.schedule.at(-1)).toMatchObject({ kind: 'reevaluation', date: '2028-12-20' });
    const dates = plan.schedule.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('follows the configured maximum monitoring period', async () => {
    await call(app.dispatch, 'settings:update', { maxMonitoringMonths: 36 });
    try {
      const plan = await call<ControlPlan>(app.dispatch, 'controlPlan:get', { caseId: fx.caseId });
      expect(plan.reevaluationDue).toBe('2029-12-20');
    } finally {
      await call(app.dispatch, 'settings:update', { maxMonitoringMonths: 24 });
    }
  });

  it('without an authorization date the re-evaluation is not set and nothing is dated', async () => {
    const plan = await call<ControlPlan>(app.dispatch, 'controlPlan:get', { caseId: other.caseId });
    expect(plan.authorizationDate).toBeNull();
    expect(plan.reevaluationDue).toBeNull();
    expect(plan.schedule).toEqual([]);
  });

  it('saves, edits and removes a measure, auditing each change', async () => {
    const audit = snapshot().audit;
    const created = await call<ControlMeasure>(app.dispatch, 'controlPlan:saveMeasure', {
      caseId: fx.caseId,
      riskId: fx.risks[2]!.id,
      measure: 'post_clearance_audit',
      frequency: 'once',
      startsOn: '2027-03-01',
      accountManager: 'Timur Akhmetov',
      triggers: '',
      customsResponse: 'Audit of partner screening records.',
    });
    const edited = await call<ControlMeasure>(app.dispatch, 'controlPlan:saveMeasure', {
      caseId: fx.caseId,
      id: created.id,
      riskId: fx.risks[2]!.id,
      measure: 'post_clearance_audit',
      frequency: 'annually',
      startsOn: '2027-03-01',
      accountManager: 'Timur Akhmetov',
    });
    expect(edited.frequency).toBe('annually');
    let plan = await call<ControlPlan>(app.dispatch, 'controlPlan:get', { caseId: fx.caseId });
    expect(plan.unmonitoredRiskIds).toEqual([]);
    plan = await call<ControlPlan>(app.dispatch, 'controlPlan:removeMeasure', { caseId: fx.caseId, id: created.id });
    expect(plan.measures.map((m) => m.id)).not.toContain(created.id);
    expect(snapshot().audit).toBeGreaterThan(audit + 2);
  });

  it('partial re-evaluation areas and the authorization date are kept per case', async () => {
    const plan = await call<ControlPlan>(app.dispatch, 'controlPlan:updateMeta', {
      caseId: other.caseId,
      authorizationDate: '2025-08-31',
      partialReevaluationAreas: ['Склад'],
    });
    expect(plan.reevaluationDue).toBe('2027-08-31');
    expect(plan.partialReevaluationAreas).toEqual(['Склад']);
    const back = await call<ControlPlan>(app.dispatch, 'controlPlan:updateMeta', { caseId: other.caseId, authorizationDate: null });
    expect(back.reevaluationDue).toBeNull();
    expect(back.partialReevaluationAreas).toEqual(['Склад']);
  });

  it('a risk being monitored stays in the register', async () => {
    const result = await app.dispatch('risks:remove', { id: fx.risks[1]!.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call<Risk>(app.dispatch, 'risks:get', { id: fx.risks[1]!.id })).toMatchObject({ id: fx.risks[1]!.id });
  });
});

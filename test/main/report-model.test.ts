import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcoCriteria } from '../../src-main/contract/checklist-template';
import type { ReportModel, ReportVersionSummary } from '../../src-main/contract/reports';
import { ReportModel as ReportModelSchema } from '../../src-main/contract/reports';
import { verifyAuditChain } from '../../src-main/db/audit-chain';
import { markVersionSealed } from '../../src-main/domains/reports';
import { composeReportModel, modelContentHash } from '../../src-main/domains/report-model';
import { buildReportFixture, type ReportFixture } from '../support/report-fixture';
import { call, openTestApp, type TestApp } from '../support/temp-store';

let app: TestApp;
let fx: ReportFixture;
let unfinished: ReportFixture;
let model: ReportModel;
beforeAll(async () => {
  app = openTestApp();
  fx = await buildReportFixture(app, { photos: 3 });
  unfinished = await buildReportFixture(app, { caseNumber: 'AEO-2026-0002', photos: 0, findings: 0, unfinished: true });
  model = await call<ReportModel>(app.dispatch, 'reports:model', { caseId: fx.caseId });
});
afterAll(() => app.dispose());

describe('report model composed from a fixture case', () => {
  it('is plain serializable data that matches the contract', () => {
    expect(ReportModelSchema.safeParse(JSON.parse(JSON.stringify(model))).success).toBe(true);
  });

  it('carries the operator profile and the case', () => {
    expect(model.operator).toMatchObject({ legalName: 'Steppe Logistics LLP', identificationNumber: 'KZ-BIN-140440012345' });
    expect(model.case).toMatchObject({ caseNumber: 'AEO-2026-0001', openedOn: '2026-11-02', leadValidator: 'Dana Validator' });
    expect(model.case.steps).toHaveLength(9);
  });

  it('describes the plan as carried out: sites visited, interviews held, checklists run', () => {
    const [warehouse, office] = model.plan.sites;
    expect(warehouse).toMatchObject({ name: 'Склад временного хранения №2', visited: true, visitDates: ['2026-11-10'] });
    // No checklist was run at the office, and its visit date has not come yet (the case is dated 2026).
    expect(office).toMatchObject({ name: 'Head office', visitDates: ['2026-11-11'] });
    expect(model.plan.interviews).toEqual([
      { person: 'Айгерим Садыкова', role: 'Compliance manager', topics: ['Security policy', 'Seal control'], date: '2026-11-09', held: true },
    ]);
    expect(model.plan.runs).toHaveLength(1);
    expect(model.plan.runs[0]).toMatchObject({ templateId: 'ctpat-container-7pt', items: 16, answered: 10, nonCompliant: 1, partiallyCompliant: 1 });
  });

  it('concludes on all thirteen WCO criteria with the compliance summary behind each', () => {
    expect(model.criteria.map((c) => c.criterion)).toEqual([...wcoCriteria]);
    const g = model.criteria.find((c) => c.criterion === 'G')!;
    expect(g.conclusion).toBe('met_with_improvements');
    // Eleven compliance items of the seven-point inspection map to G; two were never answered.
    expect(g.summary).toMatchObject({ items: 14, compliant: 7, nonCompliant: 1, partiallyCompliant: 1, unanswered: 5, risks: 1 });
    expect(model.criteria.find((c) => c.criterion === 'A')!.conclusion).toBeNull();
    expect(model.deviations.map((d) => [d.itemId, d.value])).toEqual([
      ['floor', 'non_compliant'],
      ['doors', 'partially_compliant'],
    ]);
  });

  it('lists risks with refs, ratings, tested controls, residual levels and their basis', () => {
    expect(model.risks.map((r) => r.ref)).toEqual(['R1', 'R2', 'R3']);
    const r1 = model.risks[0]!;
    expect(r1).toMatchObject({
      criterion: 'G',
      inherent: { score: 20, level: 'critical' },
      residual: { score: 8, level: 'medium' },
      controlsEffective: 'partially_effective',
      response: 'improvement_action',
    });
    expect(r1.answers).toEqual([
      expect.objectContaining({ itemId: 'floor', value: 'non_compliant', prompt: expect.objectContaining({ en: 'Floor (inside)' }) }),
    ]);
    expect(r1.evidenceRefs.length).toBeGreaterThan(0);
    expect(model.risks[2]!.residual).toBeNull();
  });

  it('places the risks on inherent and residual heat maps', () => {
    expect(model.heatMap.inherent[3]![4]).toEqual(['R1']);
    expect(model.heatMap.inherent[2]![3]).toEqual(['R2']);
    expect(model.heatMap.residual[1]![3]).toEqual(['R1']);
    expect(model.heatMap.residual.flat(2)).not.toContain('R3');
  });

  it('lists findings with their links, the recommendation, signatures and the control plan', () => {
    expect(model.findings[0]).toMatchObject({ ref: 'F1', riskRefs: ['R1'], evidenceRefs: ['E1'], deadline: '2027-02-01', status: 'open' });
    expect(model.recommendation.value).toBe('grant_with_conditions');
    expect(model.recommendation.reasoning).toContain('Оператор соответствует');
    expect(model.signatures).toEqual({ leadValidator: 'Dana Validator', validators: ['Arman Team', 'Гульнара Сейткали'], teamLead: 'Тимур Ахметов' });
    expect(model.controlPlan).toMatchObject({ authorizationDate: '2026-12-20', reevaluationDue: '2028-12-20', unmonitoredRiskRefs: ['R3'] });
    expect(model.controlPlan.measures.map((m) => [m.ref, m.riskRef])).toEqual([
      ['M1', 'R1'],
      ['M2', 'R2'],
    ]);
  });

  it('puts every live evidence file in the annex with hash, caption, dates and where it was taken', () => {
    expect(model.evidence).toHaveLength(fx.evidence.length);
    const e1 = model.evidence[0]!;
    expect(e1).toMatchObject({ ref: 'E1', kind: 'photo', sha256: fx.evidence[0]!.sha256, caption: 'Пол контейнера: следы свежей сварки', effectiveDate: '2026-11-10' });
    expect(e1.itemPrompt?.en).toBe('Floor (inside)');
    expect(model.evidence.at(-1)).toMatchObject({ kind: 'document', caption: 'Журнал учёта пломб' });
  });

  it('summarises the audit trail with the chain head hash', () => {
    const chain = verifyAuditChain(app.store.sqlite);
    expect(model.audit).toMatchObject({ ok: true, rows: chain.rows, headHash: chain.headHash });
    expect(model.audit.caseEntries).toBeGreaterThan(30);
    expect(model.audit.firstAt! <= model.audit.lastAt!).toBe(true);
  });
});

describe('report model of an unfinished case', () => {
  it('composes without failing, leaving what is missing as null or empty', () => {
    const m = composeReportModel(app.store, unfinished.caseId);
    expect(m.recommendation).toEqual({ value: null, reasoning: null });
    expect(m.mattersOfSignificance).toBeNull();
    expect(m.method).toBeNull();
    expect(m.criteria.every((c) => c.conclusion === null)).toBe(true);
    expect(m.signatures.teamLead).toBeNull();
    expect(m.controlPlan).toMatchObject({ authorizationDate: null, reevaluationDue: null, measures: [], schedule: [] });
    expect(m.evidence.filter((e) => e.kind === 'photo')).toEqual([]);
    expect(m.findings).toEqual([]);
  });
});

describe('report versions', () => {
  it('numbers frozen versions per case and lists them newest first', async () => {
    const v1 = await call<ReportVersionSummary>(app.dispatch, 'reports:createVersion', { caseId: fx.caseId });
    const v2 = await call<ReportVersionSummary>(app.dispatch, 'reports:createVersion', { caseId: fx.caseId });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v2.supersedesId).toBe(v1.id);
    expect(v1).toMatchObject({ status: 'draft', createdByName: 'Dana Validator', sealedAt: null });
    const list = await call<ReportVersionSummary[]>(app.dispatch, 'reports:listVersions', { caseId: fx.caseId });
    expect(list.map((v) => v.version)).toEqual([2, 1]);
    const { model: frozen } = await call<{ model: ReportModel }>(app.dispatch, 'reports:getVersion', { id: v1.id });
    expect(modelContentHash(frozen)).toBe(modelContentHash(model));
  });

  it('a draft is refreshed from the case; a sealed version is immutable in the handlers and in SQL', async () => {
    const draft = await call<ReportVersionSummary>(app.dispatch, 'reports:createVersion', { caseId: fx.caseId });
    await call(app.dispatch, 'assessment:update', { caseId: fx.caseId, patch: { mattersOfSignificance: 'Updated after review.' } });
    const refreshed = await call<ReportVersionSummary>(app.dispatch, 'reports:refreshDraft', { id: draft.id });
    expect(refreshed.modelSha256).not.toBe(draft.modelSha256);

    const sealed = app.store.db.transaction(() => markVersionSealed(app.store, { id: null, name: 'test' }, draft.id));
    expect(sealed).toMatchObject({ status: 'sealed', sealedAt: expect.any(String) });

    const audit = app.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const again = await app.dispatch('reports:refreshDraft', { id: draft.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'immutable' } });
    expect(() => app.store.db.transaction(() => markVersionSealed(app.store, { id: null, name: 'test' }, draft.id))).toThrow(/sealed/);
    expect(app.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(audit);

    // Behind the app's back, the database refuses too.
    expect(() => app.store.sqlite.prepare("UPDATE report_versions SET model = '{}' WHERE id = ?").run(draft.id)).toThrow(/immutable/);
    expect(() => app.store.sqlite.prepare("UPDATE report_versions SET status = 'draft' WHERE id = ?").run(draft.id)).toThrow(/immutable/);
    expect(() => app.store.sqlite.prepare('DELETE FROM report_versions WHERE id = ?').run(draft.id)).toThrow(/immutable/);
    // Drafts are not protected by the trigger: they are meant to be refreshed.
    const list = await call<ReportVersionSummary[]>(app.dispatch, 'reports:listVersions', { caseId: fx.caseId });
    const otherDraft = list.find((v) => v.status === 'draft')!;
    expect(app.store.sqlite.prepare('UPDATE report_versions SET created_by = created_by WHERE id = ?').run(otherDraft.id).changes).toBe(1);
  });
});

describe('assessment', () => {
  it('gives all thirteen criteria with their compliance summary, conclusions set and cleared', async () => {
    type A = { criteria: { criterion: string; conclusion: string | null; text: string; summary: { items: number } }[] };
    const before = await call<A>(app.dispatch, 'assessment:get', { caseId: unfinished.caseId });
    expect(before.criteria.map((c) => c.criterion)).toEqual([...wcoCriteria]);
    expect(before.criteria.every((c) => c.conclusion === null)).toBe(true);
    expect(before.criteria.find((c) => c.criterion === 'G')!.summary.items).toBe(14);
    const set = await call<A>(app.dispatch, 'assessment:setConclusion', { caseId: unfinished.caseId, criterion: 'B', conclusion: 'not_met', text: 'Нет журнала учёта.' });
    expect(set.criteria[1]).toMatchObject({ criterion: 'B', conclusion: 'not_met', text: 'Нет журнала учёта.' });
    const cleared = await call<A>(app.dispatch, 'assessment:setConclusion', { caseId: unfinished.caseId, criterion: 'B', conclusion: null });
    expect(cleared.criteria[1]).toMatchObject({ conclusion: null, text: '' });
  });

  it('refuses an unknown recommendation or criterion, writing nothing', async () => {
    const audit = app.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const rec = await app.dispatch('assessment:update', { caseId: unfinished.caseId, patch: { recommendation: 'maybe' } });
    expect(rec).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'patch.recommendation' }] } });
    const letter = await app.dispatch('assessment:setConclusion', { caseId: unfinished.caseId, criterion: 'Z', conclusion: 'met' });
    expect(letter).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'criterion' }] } });
    expect(app.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(audit);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { OpenItem } from '../../src-main/contract/open-items';
import type { ReportModel } from '../../src-main/contract/reports';
import type { RunSummary } from '../../src-main/contract/runs';
import { openItems, type ConsistencyInput } from '../../src-main/core/consistency';
import { reasonNeeded } from '../../src-main/domains/step-rules';
import { call, openAppWithCase, type TestApp } from '../support/temp-store';

/*
 * Issue 10's case-level gates: a reason to skip a step, to mark it done with unfinished runs, or to reopen it;
 * the plan read-only once planning is done; and the pre-seal check's rules (core/consistency.ts; issue 13's
 * per-rule override policy and sealing refusals: consistency-rules.test.ts).
 */

let app: TestApp;
let caseId: string;
beforeEach(async () => {
  ({ app, caseId } = await openAppWithCase());
});
afterEach(() => app.dispose());

const count = (table: string) => app.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const setStep = (fields: Record<string, unknown>) => app.dispatch('cases:setStep', { id: caseId, ...fields });
const stepOf = (detail: CaseDetail, step: string) => detail.steps.find((s) => s.step === step)!;
const reasonRequired = (why: string) => ({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'reason', code: 'reason_required', params: { why } }] } });

describe('step reasons', () => {
  it('the rule: skipping, done with unfinished runs, and reopening need a reason; nothing else does', () => {
    expect(reasonNeeded('not_started', 'skipped', 0)).toBe('skip');
    expect(reasonNeeded('in_progress', 'done', 2)).toBe('unfinished_runs');
    expect(reasonNeeded('in_progress', 'done', 0)).toBeNull();
    expect(reasonNeeded('done', 'in_progress', 0)).toBe('reopen');
    expect(reasonNeeded('skipped', 'not_started', 0)).toBe('reopen');
    expect(reasonNeeded('not_started', 'in_progress', 5)).toBeNull();
    expect(reasonNeeded('done', 'done', 5)).toBeNull();
  });

  it('skipping without a reason is refused and changes nothing; with one it is stored, audited and in the report model', async () => {
    const audits = count('audit_log');
    expect(await setStep({ step: 'business_systems', status: 'skipped' })).toMatchObject(reasonRequired('skip'));
    expect(count('audit_log')).toBe(audits);
    const reason = 'The operator runs no customs IT system of its own';
    const skipped = await call<CaseDetail>(app.dispatch, 'cases:setStep', { id: caseId, step: 'business_systems', status: 'skipped', reason });
    expect(stepOf(skipped, 'business_systems')).toMatchObject({ status: 'skipped', reason });
    const rows = app.store.sqlite
      .prepare('SELECT field, before, after FROM audit_log WHERE entity_id = ? AND seq > ? ORDER BY seq')
      .all(caseId, audits) as { field: string; before: string; after: string }[];
    expect(rows.map((r) => [r.field, r.after])).toEqual([
      ['steps.business_systems', 'skipped'],
      ['steps.business_systems.reason', reason],
    ]);
    const model = await call<ReportModel>(app.dispatch, 'reports:model', { caseId });
    expect(model.case.steps.find((s) => s.step === 'business_systems')).toEqual({ step: 'business_systems', status: 'skipped', reason });
    // Steps without a reason compose as before: no reason key at all.
    expect(model.case.steps.find((s) => s.step === 'planning')).toEqual({ step: 'planning', status: 'not_started' });
  });

  it('done with unfinished runs of the step needs a reason; runs of other steps do not count', async () => {
    const run = await call<RunSummary>(app.dispatch, 'runs:create', { caseId, siteId: null, templateId: 'ctpat-container-7pt' });
    expect(run.finished).toBeNull();
    // The container inspection serves step 6; step 2 has no runs.
    expect((await setStep({ step: 'information_gathering', status: 'done' })).ok).toBe(true);
    const refused = await setStep({ step: 'conduct_validation', status: 'done' });
    expect(refused).toMatchObject(reasonRequired('unfinished_runs'));
    expect(refused).toMatchObject({ error: { issues: [{ params: { unfinishedRuns: 1 } }] } });
    const done = await call<CaseDetail>(app.dispatch, 'cases:setStep', {
      id: caseId,
      step: 'conduct_validation',
      status: 'done',
      reason: 'Second container left before inspection',
    });
    expect(stepOf(done, 'conduct_validation')).toMatchObject({ status: 'done', reason: 'Second container left before inspection' });
  });

  it('reopening a done step needs a reason', async () => {
    await call(app.dispatch, 'cases:setStep', { id: caseId, step: 'planning', status: 'done' });
    expect(await setStep({ step: 'planning', status: 'in_progress' })).toMatchObject(reasonRequired('reopen'));
    const reopened = await call<CaseDetail>(app.dispatch, 'cases:setStep', { id: caseId, step: 'planning', status: 'in_progress', reason: 'Add the second warehouse' });
    expect(stepOf(reopened, 'planning')).toMatchObject({ status: 'in_progress', reason: 'Add the second warehouse' });
  });
});

describe('the plan is read-only once planning is done', () => {
  it('refuses every plan change with plan_locked, changing nothing, until the step is reopened with a reason', async () => {
    const site = await call<{ id: string }>(app.dispatch, 'plan:saveSite', { caseId, name: 'Yard 1', kind: 'yard' });
    await call(app.dispatch, 'cases:setStep', { id: caseId, step: 'planning', status: 'done' });
    const [sites, audits] = [count('sites'), count('audit_log')];
    const locked = { ok: false, error: { code: 'immutable', issues: [{ code: 'plan_locked' }] } };
    expect(await app.dispatch('plan:saveSite', { caseId, name: 'Yard 2', kind: 'yard' })).toMatchObject(locked);
    expect(await app.dispatch('plan:saveSite', { caseId, id: site.id, name: 'Renamed', kind: 'yard' })).toMatchObject(locked);
    expect(await app.dispatch('plan:removeSite', { caseId, id: site.id })).toMatchObject(locked);
    expect(await app.dispatch('plan:updateMeta', { caseId, meta: { resources: 'Two validators' } })).toMatchObject(locked);
    expect(await app.dispatch('plan:saveInterview', { caseId, person: 'Aigerim', topics: [] })).toMatchObject(locked);
    expect(await app.dispatch('plan:reorderProcedures', { caseId, order: [] })).toMatchObject(locked);
    expect([count('sites'), count('audit_log')]).toEqual([sites, audits]);
    await call(app.dispatch, 'cases:setStep', { id: caseId, step: 'planning', status: 'in_progress', reason: 'Add the second yard' });
    expect((await app.dispatch('plan:saveSite', { caseId, name: 'Yard 2', kind: 'yard' })).ok).toBe(true);
  });
});

/* ---- the pre-seal check ---- */

const criteria = (conclusion: string | null, overrides: Record<string, string | null> = {}) =>
  'ABCDEFGHIJKLM'.split('').map((criterion) => ({ criterion, conclusion: criterion in overrides ? overrides[criterion] : conclusion }));
const risk = (fields: Record<string, unknown>) => ({
  id: '01900000-0000-7000-8000-000000000001',
  ref: 'R1',
  title: 'Loose door bar',
  response: 'accept',
  inherent: { score: 12, level: 'high' },
  residual: { score: 6, level: 'medium' },
  residualReason: '',
  ...fields,
});
const finding = (fields: Record<string, unknown>) => ({ id: '01900000-0000-7000-8000-000000000002', ref: 'F1', owner: 'Aigerim', status: 'open', ...fields });
const complete = (over: Partial<Record<keyof ConsistencyInput, unknown>> = {}) =>
  ({
    criteria: criteria('met'),
    recommendation: { value: 'grant', reasoning: 'All criteria met.' },
    risks: [risk({})],
    findings: [finding({})],
    plan: { runs: [{ id: '01900000-0000-7000-8000-000000000003', title: { en: 'Container', ru: 'Контейнер' }, label: 'MSKU', finishedAt: '2026-11-20T09:30:00.000Z' }] },
    ...over,
  }) as unknown as ConsistencyInput;
const codesOf = (items: OpenItem[]) => items.map((i) => i.code);

describe('consistency rules (pure)', () => {
  it('a complete, consistent case has no open items', () => {
    expect(openItems(complete())).toEqual([]);
  });

  it('lists each unfinished thing with where to fix it', () => {
    const items = openItems(
      complete({
        criteria: criteria('met', { B: null }),
        recommendation: { value: null, reasoning: null },
        risks: [risk({ response: null })],
        findings: [finding({ owner: ' ' }), finding({ id: '01900000-0000-7000-8000-000000000009', ref: 'F2', owner: '', status: 'cancelled' })],
        plan: { runs: [{ id: '01900000-0000-7000-8000-000000000003', title: { en: 'Container', ru: 'Контейнер' }, label: 'MSKU' }] },
      }),
    );
    expect(items).toEqual([
      { code: 'criterion_unassessed', params: { criterion: 'B' }, target: { kind: 'criterion', criterion: 'B' }, overridable: true },
      { code: 'recommendation_missing', params: {}, target: { kind: 'recommendation' }, overridable: true },
      { code: 'run_unfinished', params: { runEn: 'Container — MSKU', runRu: 'Контейнер — MSKU' }, target: { kind: 'run', runId: '01900000-0000-7000-8000-000000000003' }, overridable: true },
      { code: 'risk_without_response', params: { risk: 'R1', title: 'Loose door bar' }, target: { kind: 'risk', riskId: '01900000-0000-7000-8000-000000000001' }, overridable: true },
      { code: 'finding_without_owner', params: { finding: 'F1' }, target: { kind: 'finding', findingId: '01900000-0000-7000-8000-000000000002' }, overridable: true },
    ]);
  });

  it('flags a grant while a criterion is not met or a risk is grounds to refuse, a recommendation without reasoning, and residual above inherent', () => {
    expect(codesOf(openItems(complete({ criteria: criteria('met', { G: 'not_met' }) })))).toEqual(['grant_with_unmet_criterion']);
    expect(codesOf(openItems(complete({ criteria: criteria('met', { G: 'not_met' }), recommendation: { value: 'refuse', reasoning: 'G not met' } })))).toEqual([]);
    expect(codesOf(openItems(complete({ risks: [risk({ response: 'refuse' })] })))).toEqual(['grant_despite_refusal']);
    expect(
      codesOf(openItems(complete({ risks: [risk({ response: 'refuse' })], recommendation: { value: 'grant_with_conditions', reasoning: 'x' } }))),
    ).toEqual(['grant_despite_refusal']);
    expect(codesOf(openItems(complete({ recommendation: { value: 'postpone', reasoning: '  ' } })))).toEqual(['reasoning_empty']);
    const above = openItems(complete({ risks: [risk({ residual: { score: 16, level: 'high' } })] }));
    expect(above).toEqual([
      expect.objectContaining({ code: 'residual_above_inherent', params: { risk: 'R1', title: 'Loose door bar', residual: 16, inherent: 12 } }),
    ]);
    // With the reason the risk form asks for, it is explained, not open.
    expect(openItems(complete({ risks: [risk({ residual: { score: 16, level: 'high' }, residualReason: 'New port gate' })] }))).toEqual([]);
  });

  it('reports:preSealCheck runs the rules on the case as stored', async () => {
    const items = await call<OpenItem[]>(app.dispatch, 'reports:preSealCheck', { caseId });
    expect(codesOf(items)).toEqual([...Array(13).fill('criterion_unassessed'), 'recommendation_missing']);
    await call(app.dispatch, 'assessment:update', { caseId, patch: { recommendation: 'grant' } });
    await call(app.dispatch, 'assessment:setConclusion', { caseId, criterion: 'A', conclusion: 'not_met' });
    await call(app.dispatch, 'risks:create', { caseId, title: 'Seal log gaps', likelihood: 2, consequence: 2, residualLikelihood: 1, residualConsequence: 1, response: 'refuse' });
    await call(app.dispatch, 'findings:create', { caseId, description: 'No seal log' });
    const after = await call<OpenItem[]>(app.dispatch, 'reports:preSealCheck', { caseId });
    expect(codesOf(after).filter((c) => c !== 'criterion_unassessed')).toEqual([
      'finding_without_owner',
      'grant_with_unmet_criterion',
      'grant_despite_refusal',
      'reasoning_empty',
    ]);
  });
});

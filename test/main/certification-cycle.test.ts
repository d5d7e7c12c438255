import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, AuthorizationState, LetterResult } from '../../src-main/contract/certification';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { Plan } from '../../src-main/contract/plan';
import type { AccountManagerState, MonitoringState } from '../../src-main/contract/post-certification';
import type { ReportModel, ReportVersionSummary } from '../../src-main/contract/reports';
import type { Risk } from '../../src-main/contract/risks';
import { createVersion, markVersionSealed } from '../../src-main/domains/reports';
import { currentUser } from '../../src-main/domains/users';
import { buildReportFixture, type ReportFixture } from '../support/report-fixture';
import { call, openTestApp, type TestApp } from '../support/temp-store';

/*
 * The certification cycle around the validation (issue 13, seed 000) on a real SQLite file through the real
 * handlers: the application record, the authority's decision after the report is sealed, the account manager and
 * their activities, monitoring after authorization, and a re-evaluation case that starts from the earlier plan and
 * risks. Each refusal is checked to write nothing: no row, no audit entry.
 */

const CLOCK = new Date('2027-03-01T10:00:00.000Z');
let app: TestApp;
let fx: ReportFixture;
let operatorId: string;

const count = (table: string) => app.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const tables = ['case_applications', 'application_documents', 'authorizations', 'account_managers', 'account_manager_activities', 'monitoring_entries', 'reevaluations', 'cases', 'risks', 'audit_log'];
const snapshot = () => Object.fromEntries(tables.map((t) => [t, count(t)]));
const auditOf = (entity: string) =>
  app.store.sqlite.prepare('SELECT action, field FROM audit_log WHERE entity = ? ORDER BY seq').all(entity) as { action: string; field: string | null }[];
const today = () => new Date().toISOString().slice(0, 10);

/** Seals the case's current state as a report version, as `bundles:seal` does after signing. */
function sealCase(caseId: string): ReportVersionSummary {
  const user = currentUser(app.store)!;
  const actor = { id: user.id, name: user.name };
  return app.store.db.transaction(() => markVersionSealed(app.store, actor, createVersion(app.store, actor, caseId).id));
}

beforeAll(async () => {
  app = openTestApp(undefined, { clock: () => CLOCK });
  fx = await buildReportFixture(app, { photos: 0 });
  operatorId = (await call<CaseDetail>(app.dispatch, 'cases:get', { id: fx.caseId })).operator.id;
});
afterAll(() => app.dispose());

describe('the application record', () => {
  it('keeps the date received, the reference and the documents received, each change audited', async () => {
    const updated = await call<Application>(app.dispatch, 'application:update', {
      caseId: fx.caseId,
      receivedOn: '2026-10-15',
      reference: 'APP-2026/0457',
      profile: 'security_safety',
    });
    expect(updated).toMatchObject({ receivedOn: '2026-10-15', reference: 'APP-2026/0457', profile: 'security_safety' });
    // The type applied for is the case's own type: one place, never two that disagree.
    expect((await call<CaseDetail>(app.dispatch, 'cases:get', { id: fx.caseId })).aeoType).toBe('security_safety');
    await call(app.dispatch, 'application:saveDocument', { caseId: fx.caseId, kind: 'saq', title: 'SAQ, signed', receivedOn: '2026-10-15' });
    const withForm = await call<Application>(app.dispatch, 'application:saveDocument', { caseId: fx.caseId, kind: 'application_form', receivedOn: '2026-10-14' });
    expect(withForm.documents.map((d) => [d.kind, d.receivedOn])).toEqual([
      ['application_form', '2026-10-14'],
      ['saq', '2026-10-15'],
    ]);
    expect(auditOf('application')).toEqual([{ action: 'create', field: null }]);
    expect(auditOf('application_document')).toHaveLength(2);
    expect(auditOf('case').filter((a) => a.field === 'aeoType')).toHaveLength(1);
    // A patch that names only the date keeps the reference.
    const redated = await call<Application>(app.dispatch, 'application:update', { caseId: fx.caseId, receivedOn: '2026-10-15' });
    expect(redated.reference).toBe('APP-2026/0457');
  });

  it('is frozen into the report model', async () => {
    const model = await call<ReportModel>(app.dispatch, 'reports:model', { caseId: fx.caseId });
    expect(model.application).toMatchObject({ receivedOn: '2026-10-15', reference: 'APP-2026/0457', profile: 'security_safety' });
    expect(model.application!.documents.map((d) => d.kind)).toEqual(['application_form', 'saq']);
  });

  it('refuses a document of another case and writes nothing', async () => {
    const doc = (await call<Application>(app.dispatch, 'application:get', { caseId: fx.caseId })).documents[0]!;
    const other = await buildReportFixture(app, { caseNumber: 'AEO-2026-0009', photos: 0, unfinished: true });
    const before = snapshot();
    const result = await app.dispatch('application:removeDocument', { caseId: other.caseId, id: doc.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(snapshot()).toEqual(before);
  });
});

describe('the authorization record', () => {
  const decision = (fields: Record<string, unknown>) =>
    app.dispatch('authorization:record', { caseId: fx.caseId, decision: 'granted', decidedOn: today(), certificateNumber: 'KZ AEO 0001', ...fields });

  it('cannot be recorded before the report is sealed', async () => {
    const before = snapshot();
    expect(await decision({})).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ code: 'report_not_sealed' }] } });
    expect(snapshot()).toEqual(before);
  });

  it('granted with conditions requires the conditions; granted requires the certificate number; nothing written', async () => {
    const sealed = sealCase(fx.caseId);
    expect(sealed.status).toBe('sealed');
    const before = snapshot();
    const noConditions = await decision({ decision: 'granted_with_conditions', conditions: '   ' });
    expect(noConditions).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'conditions', code: 'conditions_required' }] } });
    const noCertificate = await decision({ certificateNumber: '' });
    expect(noCertificate).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'certificateNumber', code: 'certificate_required' }] } });
    const tooEarly = await decision({ decidedOn: '2020-01-01' });
    expect(tooEarly).toMatchObject({ ok: false, error: { issues: [{ path: 'decidedOn', code: 'decision_before_report' }] } });
    expect(snapshot()).toEqual(before);
  });

  it('records the decision on the sealed version, which stays as it was', async () => {
    const sealedBefore = app.store.sqlite.prepare("SELECT id, model_sha256 FROM report_versions WHERE status = 'sealed'").get() as { id: string; model_sha256: string };
    const state = await call<AuthorizationState>(app.dispatch, 'authorization:record', {
      caseId: fx.caseId,
      decision: 'granted_with_conditions',
      decidedOn: today(),
      certificateNumber: 'KZ AEO 0001',
      registerEntry: 'Реестр УЭО № 145',
      conditions: 'Install CCTV at the rear gate within 3 months.',
    });
    expect(state.current).toMatchObject({
      decision: 'granted_with_conditions',
      reportVersionId: sealedBefore.id,
      certificateNumber: 'KZ AEO 0001',
      registerEntry: 'Реестр УЭО № 145',
      conditions: 'Install CCTV at the rear gate within 3 months.',
      supersedesId: null,
      recordedByName: 'Dana Validator',
      recordedAt: CLOCK.toISOString(),
    });
    expect(state.letterActions).toBe(fx.findings.length);
    expect(auditOf('authorization')).toEqual([{ action: 'create', field: null }]);
    expect(app.store.sqlite.prepare('SELECT model_sha256 FROM report_versions WHERE id = ?').pluck().get(sealedBefore.id)).toBe(sealedBefore.model_sha256);
  });

  it('the database refuses to change or remove a recorded decision', () => {
    expect(() => app.store.sqlite.prepare("UPDATE authorizations SET decision = 'refused'").run()).toThrow(/immutable/);
    expect(() => app.store.sqlite.prepare('DELETE FROM authorizations').run()).toThrow(/immutable/);
  });

  it('a correction is a new record that needs a reason and supersedes the earlier one', async () => {
    const before = snapshot();
    expect(await decision({})).toMatchObject({ ok: false, error: { issues: [{ path: 'reason', code: 'correction_reason_required' }] } });
    expect(snapshot()).toEqual(before);
    const first = (await call<AuthorizationState>(app.dispatch, 'authorization:get', { caseId: fx.caseId })).current!;
    const state = await call<AuthorizationState>(app.dispatch, 'authorization:record', {
      caseId: fx.caseId,
      decision: 'granted',
      decidedOn: today(),
      certificateNumber: 'KZ AEO 0001',
      conditions: 'ignored for an unconditional grant',
      reason: 'Conditions met before the certificate was handed over.',
    });
    expect(state.history).toHaveLength(2);
    expect(state.current).toMatchObject({ decision: 'granted', supersedesId: first.id, conditions: '' });
  });
});

describe('the account manager', () => {
  /** An account-manager channel for the fixture's operator. */
  const manager = (verb: 'assign' | 'saveActivity', input: Record<string, unknown>) =>
    call<AccountManagerState>(app.dispatch, `accountManager:${verb}`, { operatorId, ...input });

  it('an activity needs an account manager first; nothing written', async () => {
    const before = snapshot();
    const result = await app.dispatch('accountManager:saveActivity', { operatorId, function: 'information_exchange', date: '2027-01-10' });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ code: 'no_account_manager' }] } });
    expect(snapshot()).toEqual(before);
  });

  it('one per operator, with activities under the five functions, and shown in the control plan', async () => {
    const assignment = { name: 'Тимур Ахметов', assignedOn: '2027-01-05' };
    await manager('assign', { ...assignment, position: 'Chief inspector' });
    // The same person again, promoted and with an email: the one manager is updated, not a second added.
    const replaced = await manager('assign', { ...assignment, position: 'Senior inspector', email: 't.akhmetov@customs.example' });
    expect(count('account_managers')).toBe(1);
    expect(replaced.manager).toMatchObject({ position: 'Senior inspector' });
    const early = await app.dispatch('accountManager:saveActivity', { operatorId, function: 'day_to_day_questions', date: '2027-01-04' });
    expect(early).toMatchObject({ ok: false, error: { issues: [{ path: 'date', code: 'before_assignment' }] } });
    await manager('saveActivity', { function: 'meetings_and_visits', date: '2027-01-20', note: 'Introductory meeting at the head office.' });
    const state = await manager('saveActivity', { function: 'advance_notice_of_changes', date: '2027-02-01', note: 'Told the AEO of the new e-manifest rules.' });
    expect(state.activities.map((a) => [a.function, a.managerName])).toEqual([
      ['advance_notice_of_changes', 'Тимур Ахметов'],
      ['meetings_and_visits', 'Тимур Ахметов'],
    ]);
    expect(auditOf('account_manager_activity')).toHaveLength(2);
    const model = await call<ReportModel>(app.dispatch, 'reports:model', { caseId: fx.caseId });
    expect(model.controlPlan.accountManager?.activities.map((a) => a.function)).toEqual(['meetings_and_visits', 'advance_notice_of_changes']);
  });
});

describe('monitoring after authorization', () => {
  it('is refused on a case whose status is not granted', async () => {
    const other = await buildReportFixture(app, { caseNumber: 'AEO-2026-0010', photos: 0, unfinished: true });
    const before = snapshot();
    const result = await app.dispatch('monitoring:save', { caseId: other.caseId, kind: 'incident', date: '2027-02-01', description: 'Seal found broken' });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ code: 'not_authorized' }] } });
    const reeval = await app.dispatch('monitoring:reevaluate', { caseId: other.caseId, scope: 'full', caseNumber: 'AEO-2028-0001' });
    expect(reeval).toMatchObject({ ok: false, error: { issues: [{ code: 'not_authorized' }] } });
    expect(snapshot()).toEqual(before);
  });

  it('records activities with their results and events, by the rules of each', async () => {
    const before = snapshot();
    const noOutcome = await app.dispatch('monitoring:save', { caseId: fx.caseId, kind: 'monitoring_activity', date: '2027-02-10', description: 'Document check' });
    expect(noOutcome).toMatchObject({ ok: false, error: { issues: [{ path: 'outcome', code: 'outcome_required' }] } });
    const eventWithOutcome = await app.dispatch('monitoring:save', { caseId: fx.caseId, kind: 'incident', date: '2027-02-10', description: 'x', outcome: 'satisfactory' });
    expect(eventWithOutcome).toMatchObject({ ok: false, error: { issues: [{ path: 'outcome', code: 'event_has_no_outcome' }] } });
    expect(snapshot()).toEqual(before);
    await call(app.dispatch, 'monitoring:save', {
      caseId: fx.caseId,
      kind: 'monitoring_activity',
      date: '2027-02-10',
      measureId: fx.measures[0]!.id,
      outcome: 'satisfactory',
      description: 'Unannounced visit to the yard',
      result: 'Rear gate guarded; CCTV working.',
    });
    const state = await call<MonitoringState>(app.dispatch, 'monitoring:save', {
      caseId: fx.caseId,
      kind: 'change_notified',
      date: '2027-02-20',
      description: 'New warehouse in Shymkent from April',
    });
    expect(state.authorized).toBe(true);
    expect(state.entries.map((e) => [e.kind, e.outcome, e.measure])).toEqual([
      ['change_notified', null, null],
      ['monitoring_activity', 'satisfactory', fx.measures[0]!.measure],
    ]);
    expect(auditOf('monitoring_entry')).toHaveLength(2);
  });

  it('a partial re-evaluation names its areas', async () => {
    const before = snapshot();
    const result = await app.dispatch('monitoring:reevaluate', { caseId: fx.caseId, scope: 'partial', caseNumber: 'AEO-2028-0002', areas: [] });
    expect(result).toMatchObject({ ok: false, error: { issues: [{ path: 'areas', code: 'areas_required' }] } });
    expect(snapshot()).toEqual(before);
  });

  it('opens a re-evaluation case linked to the earlier one, starting from its plan and risks, due on the control plan date', async () => {
    const earlierPlan = await call<Plan>(app.dispatch, 'plan:get', { caseId: fx.caseId });
    const earlierRisks = await call<Risk[]>(app.dispatch, 'risks:list', { caseId: fx.caseId });
    const due = (await call<MonitoringState>(app.dispatch, 'monitoring:get', { caseId: fx.caseId })).reevaluationDue;
    expect(due).toBe('2028-12-20');
    const opened = await call<{ caseId: string }>(app.dispatch, 'monitoring:reevaluate', {
      caseId: fx.caseId,
      scope: 'partial',
      caseNumber: 'AEO-2028-0003',
      areas: ['New warehouse in Shymkent'],
    });
    const detail = await call<CaseDetail>(app.dispatch, 'cases:get', { id: opened.caseId });
    expect(detail).toMatchObject({ caseNumber: 'AEO-2028-0003', openedOn: '2027-03-01', dueOn: due, aeoType: 'security_safety', currentStep: 'planning' });
    expect(detail.operator.id).toBe(operatorId);

    const plan = await call<Plan>(app.dispatch, 'plan:get', { caseId: opened.caseId });
    expect(plan.resources).toBe(earlierPlan.resources);
    expect(plan.sites.map((s) => [s.name, s.kind])).toEqual(earlierPlan.sites.map((s) => [s.name, s.kind]));
    expect(plan.sites.every((s) => !earlierPlan.sites.some((e) => e.id === s.id))).toBe(true);
    expect(plan.interviews.map((i) => [i.person, i.held, i.date])).toEqual(earlierPlan.interviews.map((i) => [i.person, false, null]));
    expect(plan.visits).toEqual([]);

    const risks = await call<Risk[]>(app.dispatch, 'risks:list', { caseId: opened.caseId });
    expect(risks.map((r) => [r.title, r.likelihood, r.consequence, r.residualLikelihood])).toEqual(
      earlierRisks.map((r) => [r.title, r.likelihood, r.consequence, r.residualLikelihood]),
    );
    // A copied risk names the copied site, never the earlier case's.
    const siteIds = new Set(plan.sites.map((s) => s.id));
    expect(risks.every((r) => r.siteId === null || siteIds.has(r.siteId))).toBe(true);
    // What was answered and found stays with the earlier case.
    expect(risks.every((r) => r.answerLinks.length === 0 && r.evidenceIds.length === 0)).toBe(true);

    const back = await call<MonitoringState>(app.dispatch, 'monitoring:get', { caseId: opened.caseId });
    expect(back.reevaluationOf).toMatchObject({ caseId: fx.caseId, caseNumber: fx.caseNumber, scope: 'partial', areas: ['New warehouse in Shymkent'] });
    const forth = await call<MonitoringState>(app.dispatch, 'monitoring:get', { caseId: fx.caseId });
    expect(forth.reevaluations.map((r) => r.caseNumber)).toEqual(['AEO-2028-0003']);
    expect(auditOf('reevaluation')).toHaveLength(1);
    const created = app.store.sqlite
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'create' AND entity = 'risk' AND entity_id IN (SELECT id FROM risks WHERE case_id = ?)")
      .pluck()
      .get(opened.caseId);
    expect(created).toBe(risks.length);
    const model = await call<ReportModel>(app.dispatch, 'reports:model', { caseId: opened.caseId });
    expect(model.application?.reevaluationOf).toEqual({ caseNumber: fx.caseNumber, scope: 'partial', areas: ['New warehouse in Shymkent'] });
  });
});

describe('the improvement-actions letter', () => {
  it('is printed from the decision in force and the sealed findings', async () => {
    const letter = await call<LetterResult>(app.dispatch, 'authorization:letter', { caseId: fx.caseId, lang: 'en' });
    expect(letter.pages).toBeGreaterThanOrEqual(1);
    expect(letter.fileName).toBe(`${fx.caseNumber}_improvement-letter_v1_en.pdf`);
  });
});

import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { HeatMap, Risk, Finding } from '../../src-main/contract/risks';
import { DEFAULT_RISK_MATRIX } from '../../src-main/contract/risk-scale';
import type { AppSettings } from '../../src-main/contract/settings';
import { openAppWithReport, type ReportFixture } from '../support/report-fixture';
import { defaultScores } from '../support/risk-scores';
import { call, type TestApp } from '../support/temp-store';

/*
 * Every describe opens its own store with its own fixture (a case with a run, evidence, three risks and a
 * finding), so no group sees what another changed: the file passes shuffled (`--sequence.shuffle`), and any one
 * test passes alone (`-t`). Within a group, a test that changes a record puts it back or makes its own.
 */
let app: TestApp;
let fx: ReportFixture;
function ownFixture(): void {
  beforeAll(async () => {
    ({ app, fx } = await openAppWithReport({ photos: 2 }));
  });
  afterAll(() => app.dispose());
}

const count = (sql: string) => app.store.sqlite.prepare(sql).pluck().get() as number;
const snapshot = () => ({
  risks: count('SELECT count(*) FROM risks'),
  links: count('SELECT count(*) FROM risk_links'),
  findings: count('SELECT count(*) FROM findings'),
  audit: count('SELECT count(*) FROM audit_log'),
});
const newRisk = (input: Record<string, unknown>) =>
  app.dispatch('risks:create', { caseId: fx.caseId, title: 'Test risk', likelihood: 3, consequence: 3, ...input });

describe('risk scoring through the register', () => {
  ownFixture();

  it.each(defaultScores)('likelihood %i × consequence %i → inherent score %i, level %s', async (l, c, score, level) => {
    const result = await newRisk({ likelihood: l, consequence: c, residualLikelihood: l, residualConsequence: c });
    expect(result.ok).toBe(true);
    const risk = (result as { value: Risk }).value;
    expect(risk.inherent).toEqual({ score, level });
    expect(risk.residual).toEqual({ score, level });
    await call(app.dispatch, 'risks:remove', { id: risk.id });
  });

  it('a risk without residual ratings has no residual level yet', async () => {
    const risk = await call<Risk>(app.dispatch, 'risks:get', { id: fx.risks[2]!.id });
    expect(risk.residual).toBeNull();
  });

  it('levels follow a reconfigured matrix, and the default can be restored', async () => {
    const strict = DEFAULT_RISK_MATRIX.map((row) => row.map((level) => (level === 'low' ? 'medium' : level)));
    // The store is shared within this group: put the default back even if an assertion below fails.
    onTestFinished(async () => {
      await call(app.dispatch, 'settings:update', { riskMatrix: DEFAULT_RISK_MATRIX, maxMonitoringMonths: 24 });
    });
    const updated = await call<AppSettings>(app.dispatch, 'settings:update', { riskMatrix: strict, maxMonitoringMonths: 36 });
    expect(updated.maxMonitoringMonths).toBe(36);
    const risk = await call<Risk>(app.dispatch, 'risks:get', { id: fx.risks[1]!.id });
    expect(risk.residual).toEqual({ score: 4, level: 'medium' });
    await call(app.dispatch, 'settings:update', { riskMatrix: DEFAULT_RISK_MATRIX, maxMonitoringMonths: 24 });
    expect((await call<Risk>(app.dispatch, 'risks:get', { id: fx.risks[1]!.id })).residual?.level).toBe('low');
  });

  it('refuses a matrix whose levels fall as the likelihood rises', async () => {
    const broken = DEFAULT_RISK_MATRIX.map((row) => [...row]);
    broken[4]![4] = 'low';
    const result = await app.dispatch('settings:update', { riskMatrix: broken });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'riskMatrix.4.4' }] } });
  });
});

describe('bad input to the register writes nothing', () => {
  ownFixture();

  it.each([
    [{ likelihood: 0 }, 'likelihood'],
    [{ likelihood: 6 }, 'likelihood'],
    [{ consequence: 0 }, 'consequence'],
    [{ consequence: 6 }, 'consequence'],
    [{ likelihood: 2.5 }, 'likelihood'],
    [{ residualLikelihood: 6, residualConsequence: 2 }, 'residualLikelihood'],
    [{ residualLikelihood: 2 }, 'residualConsequence'],
    [{ criterion: 'N' }, 'criterion'],
  ])('%j → invalid_input at %s', async (input, path) => {
    const before = snapshot();
    const result = await newRisk(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues?.map((i) => i.path)).toContain(path);
    expect(snapshot()).toEqual(before);
  });

  it('an update that would leave only one residual rating is refused', async () => {
    const before = snapshot();
    const result = await app.dispatch('risks:update', { id: fx.risks[0]!.id, patch: { residualConsequence: null } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'patch.residualConsequence' }] } });
    expect(snapshot()).toEqual(before);
  });

  it('links to evidence of another case are refused at their path', async () => {
    const before = snapshot();
    const result = await newRisk({ links: { evidenceIds: [fx.evidence[0]!.id, '01900000-0000-7000-8000-000000000000'] } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'links.evidenceIds.1' }] } });
    expect(snapshot()).toEqual(before);
  });

  it('a finding deadline before the case opened → invalid_input at deadline, nothing written', async () => {
    const before = snapshot();
    const result = await app.dispatch('findings:create', {
      caseId: fx.caseId,
      description: 'Late',
      deadline: '2026-11-01', // the case opened on 2026-11-02
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'deadline' }] } });
    expect(snapshot()).toEqual(before);
    const update = await app.dispatch('findings:update', { id: fx.findings[0]!.id, patch: { deadline: '2020-01-01' } });
    expect(update).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'patch.deadline' }] } });
    expect(snapshot()).toEqual(before);
  });

  it('a finding due on the opening day is fine', async () => {
    const finding = await call<Finding>(app.dispatch, 'findings:create', { caseId: fx.caseId, description: 'Same day', deadline: '2026-11-02' });
    expect(finding.deadline).toBe('2026-11-02');
    await call(app.dispatch, 'findings:remove', { id: finding.id });
  });
});

describe('a risk opened from a non-compliant answer', () => {
  ownFixture();

  it('takes its title from the prompt, its criterion from the item and links the answer and its evidence', () => {
    const risk = fx.risks[0]!;
    expect(risk.title).toBe('Пол (изнутри)'); // the Russian prompt of the "floor" point: the case reports in Russian
    expect(risk.criterion).toBe('G'); // criteria.wco[0] of the item
    expect(risk.siteId).toBe(fx.sites[0]!.id);
    expect(risk.siteName).toBe(fx.sites[0]!.name);
    expect(risk.answerLinks).toEqual([{ answerId: expect.any(String), runId: fx.runId, itemId: 'floor' }]);
    const onItem = fx.evidence.filter((e) => e.itemId === 'floor').map((e) => e.id);
    expect(onItem.length).toBeGreaterThan(0);
    expect(risk.evidenceIds).toEqual(onItem);
  });

  it('the draft offers the same pre-fill without saving, and names the risk already opened', async () => {
    const before = snapshot();
    const draft = await call<{ title: string; criterion: string; existingRiskIds: string[]; answer: { value: unknown } }>(
      app.dispatch,
      'risks:draftFromAnswer',
      { runId: fx.runId, itemId: 'floor' },
    );
    expect(draft).toMatchObject({ title: 'Пол (изнутри)', criterion: 'G', answer: { value: 'non_compliant' } });
    expect(draft.existingRiskIds).toEqual([fx.risks[0]!.id]);
    expect(snapshot()).toEqual(before);
  });

  it('the title follows the case\'s report language, not the language of whoever asks', async () => {
    // The screen that asks may be in English; no input names a language any more, so the case alone decides.
    const refused = await app.dispatch('risks:draftFromAnswer', { runId: fx.runId, itemId: 'floor', lang: 'en' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await call(app.dispatch, 'cases:update', { id: fx.caseId, patch: { reportLanguage: 'en' } });
    onTestFinished(async () => void (await call(app.dispatch, 'cases:update', { id: fx.caseId, patch: { reportLanguage: 'ru' } })));
    const draft = await call<{ title: string }>(app.dispatch, 'risks:draftFromAnswer', { runId: fx.runId, itemId: 'floor' });
    expect(draft.title).toBe('Floor (inside)');
    const english = await call<Risk>(app.dispatch, 'risks:create', { caseId: fx.caseId, fromAnswer: { runId: fx.runId, itemId: 'floor' }, likelihood: 2, consequence: 2 });
    expect(english.title).toBe('Floor (inside)');
    await call(app.dispatch, 'risks:remove', { id: english.id });
    await call(app.dispatch, 'cases:update', { id: fx.caseId, patch: { reportLanguage: 'ru' } });
    const russian = await call<Risk>(app.dispatch, 'risks:create', { caseId: fx.caseId, fromAnswer: { runId: fx.runId, itemId: 'floor' }, likelihood: 2, consequence: 2 });
    expect(russian.title).toBe('Пол (изнутри)');
    await call(app.dispatch, 'risks:remove', { id: russian.id });
  });

  it('an item never answered cannot open a risk', async () => {
    const result = await newRisk({ fromAnswer: { runId: fx.runId, itemId: 'seal-tug' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'fromAnswer.itemId' }] } });
  });

  it('writes the risk and each link to the audit log', () => {
    const rows = app.store.sqlite
      .prepare("SELECT entity, action FROM audit_log WHERE entity IN ('risk', 'risk_link') AND (entity_id = ? OR after LIKE ?)")
      .all(fx.risks[0]!.id, `%${fx.risks[0]!.id}%`) as { entity: string }[];
    expect(rows.filter((r) => r.entity === 'risk')).toHaveLength(1);
    expect(rows.filter((r) => r.entity === 'risk_link').length).toBe(1 + fx.risks[0]!.evidenceIds.length);
  });
});

describe('updating and removing risks', () => {
  ownFixture();

  it('replaces the set of links and records each change', async () => {
    const risk = fx.risks[2]!;
    const updated = await call<Risk>(app.dispatch, 'risks:update', {
      id: risk.id,
      patch: { residualLikelihood: 1, residualConsequence: 2, response: 'accept', links: { evidenceIds: [fx.evidence[1]!.id] } },
    });
    expect(updated.residual).toEqual({ score: 2, level: 'low' });
    expect(updated.evidenceIds).toEqual([fx.evidence[1]!.id]);
    const cleared = await call<Risk>(app.dispatch, 'risks:update', { id: risk.id, patch: { links: { evidenceIds: [] } } });
    expect(cleared.evidenceIds).toEqual([]);
  });

  it('refuses a stale edit', async () => {
    const result = await app.dispatch('risks:update', {
      id: fx.risks[2]!.id,
      expectedUpdatedAt: '2020-01-01T00:00:00.000Z',
      patch: { title: 'x' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('a risk that a control measure or finding refers to cannot be removed', async () => {
    const result = await app.dispatch('risks:remove', { id: fx.risks[0]!.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('heat map', () => {
  ownFixture();

  it('places every risk by inherent and residual rating, with ids per cell', async () => {
    const map = await call<HeatMap>(app.dispatch, 'risks:heatMap', { caseId: fx.caseId });
    expect(map.inherent).toHaveLength(5);
    expect(map.inherent.every((row) => row.length === 5)).toBe(true);
    expect(map.inherent[3]![4]).toMatchObject({ likelihood: 4, consequence: 5, level: 'critical', count: 1, riskIds: [fx.risks[0]!.id] });
    expect(map.inherent[2]![3]!.riskIds).toEqual([fx.risks[1]!.id]);
    expect(map.residual[1]![3]!.riskIds).toEqual([fx.risks[0]!.id]);
    const total = (grid: HeatMap['inherent']) => grid.flat().reduce((n, cell) => n + cell.count, 0);
    const live = await call<Risk[]>(app.dispatch, 'risks:list', { caseId: fx.caseId });
    expect(total(map.inherent)).toBe(live.length);
    expect(total(map.residual) + map.residualNotRated.length).toBe(live.length);
  });
});

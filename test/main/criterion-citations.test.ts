import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../src-main/contract/assessment';
import type { Plan } from '../../src-main/contract/plan';
import type { PdfResult, ReportModel } from '../../src-main/contract/reports';
import type { RunDetail } from '../../src-main/contract/runs';
import type { TemplateSummary } from '../../src-main/contract/templates';
import { buildReportFixture, type ReportFixture } from '../support/report-fixture';
import { call, openTestApp, type TestApp } from '../support/temp-store';

/*
 * Issue 13: each criterion conclusion cites the answers, risks, findings, interviews and evidence it rests on.
 * The links are kept in the store (criterion_links, audited, tombstoned when uncited), checked to be the case's
 * own, composed into the report model and printed as references in both languages.
 */

let app: TestApp;
let fx: ReportFixture;
let other: ReportFixture;
let answerId: string;
let interviewId: string;
beforeAll(async () => {
  app = openTestApp();
  fx = await buildReportFixture(app, { photos: 1 });
  other = await buildReportFixture(app, { caseNumber: 'AEO-2026-0002', photos: 0, findings: 1 });
  const run = await call<RunDetail>(app.dispatch, 'runs:get', { id: fx.runId });
  answerId = run.answers.find((a) => a.itemId === fx.nonCompliantItem)!.id;
  interviewId = (await call<Plan>(app.dispatch, 'plan:get', { caseId: fx.caseId })).interviews[0]!.id;
}, 120_000);
afterAll(() => app.dispose());

const count = (sql: string) => app.store.sqlite.prepare(sql).pluck().get() as number;
const live = () => count('SELECT count(*) FROM criterion_links WHERE removed_at IS NULL');
const criterionG = (a: Assessment) => a.criteria.find((c) => c.criterion === 'G')!;

describe('criterion citations', () => {
  it('keeps what a conclusion cites, by kind, audited; a criterion citing nothing has no citations field', async () => {
    const audits = count('SELECT count(*) FROM audit_log');
    const saved = await call<Assessment>(app.dispatch, 'assessment:setCitations', {
      caseId: fx.caseId,
      criterion: 'G',
      answerIds: [answerId],
      riskIds: [fx.risks[0]!.id],
      findingIds: [fx.findings[0]!.id],
      interviewIds: [interviewId],
      evidenceIds: [fx.evidence[0]!.id],
    });
    expect(criterionG(saved).citations).toEqual({
      answerIds: [answerId],
      riskIds: [fx.risks[0]!.id],
      findingIds: [fx.findings[0]!.id],
      interviewIds: [interviewId],
      evidenceIds: [fx.evidence[0]!.id],
    });
    // The conclusion itself is unchanged by citing.
    expect(criterionG(saved).conclusion).toBe('met_with_improvements');
    expect(saved.criteria.find((c) => c.criterion === 'A')).not.toHaveProperty('citations');
    expect(live()).toBe(5);
    expect(count("SELECT count(*) FROM audit_log WHERE entity = 'criterion_link'")).toBe(5);
    expect(count('SELECT count(*) FROM audit_log')).toBe(audits + 5);
  });

  it('a kind given replaces that kind (uncited links are tombstones); kinds left out stay', async () => {
    const saved = await call<Assessment>(app.dispatch, 'assessment:setCitations', { caseId: fx.caseId, criterion: 'G', riskIds: [fx.risks[1]!.id, fx.risks[0]!.id] });
    expect(criterionG(saved).citations).toMatchObject({ answerIds: [answerId], riskIds: [fx.risks[0]!.id, fx.risks[1]!.id], interviewIds: [interviewId] });
    expect(live()).toBe(6);
    const removed = await call<Assessment>(app.dispatch, 'assessment:setCitations', { caseId: fx.caseId, criterion: 'G', riskIds: [fx.risks[1]!.id] });
    expect(criterionG(removed).citations?.riskIds).toEqual([fx.risks[1]!.id]);
    expect(count('SELECT count(*) FROM criterion_links WHERE removed_at IS NOT NULL')).toBe(1);
  });

  it("refuses another case's records, naming each by its path, and changes nothing", async () => {
    const before = [live(), count('SELECT count(*) FROM criterion_links'), count('SELECT count(*) FROM audit_log')];
    const result = await app.dispatch('assessment:setCitations', {
      caseId: fx.caseId,
      criterion: 'G',
      riskIds: [fx.risks[0]!.id, other.risks[0]!.id],
      findingIds: [other.findings[0]!.id],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.issues?.map((i) => i.path)).toEqual(['riskIds.1', 'findingIds.0']);
    }
    expect([live(), count('SELECT count(*) FROM criterion_links'), count('SELECT count(*) FROM audit_log')]).toEqual(before);
  });

  it('citing a criterion not concluded yet keeps it unconcluded (the pre-seal check still lists it)', async () => {
    const saved = await call<Assessment>(app.dispatch, 'assessment:setCitations', { caseId: fx.caseId, criterion: 'K', interviewIds: [interviewId] });
    const k = saved.criteria.find((c) => c.criterion === 'K')!;
    expect(k).toMatchObject({ conclusion: null, citations: { interviewIds: [interviewId], riskIds: [] } });
  });

  it('the report model resolves the citations into references', async () => {
    const model = await call<ReportModel>(app.dispatch, 'reports:model', { caseId: fx.caseId });
    const g = model.criteria.find((c) => c.criterion === 'G')!;
    expect(g).not.toHaveProperty('citations');
    expect(g.cites).toEqual({
      answers: [expect.objectContaining({ runId: fx.runId, itemId: fx.nonCompliantItem, value: 'non_compliant' })],
      riskRefs: ['R2'],
      findingRefs: ['F1'],
      interviews: [{ person: 'Айгерим Садыкова', role: 'Compliance manager', date: '2026-11-09' }],
      evidenceRefs: ['E1'],
    });
    expect(model.criteria.find((c) => c.criterion === 'A')).not.toHaveProperty('cites');
  });

  it('the validation report prints them as references, in English and Russian', async () => {
    const textOf = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const expected = {
      en: ['What each conclusion rests on', 'G. Cargo security', 'Checklist answers:', 'Risks: R2', 'Findings: F1', 'Interviews: Айгерим Садыкова, Compliance manager', 'Evidence: E1', 'nothing cited'],
      ru: ['На чём основаны выводы', 'Ответы по контрольным перечням:', 'Риски: R2', 'Замечания: F1', 'Интервью: Айгерим Садыкова', 'Подтверждающие материалы: E1', 'ссылок нет'],
    };
    for (const lang of ['en', 'ru'] as const) {
      const pdf = await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId: fx.caseId, document: 'validation-report', lang });
      const text = textOf(pdf.path);
      for (const phrase of expected[lang]) expect(text, lang).toContain(phrase);
    }
  }, 120_000);
});

describe('one place to conclude on each criterion', () => {
  it('the WCO criteria checklist asks questions whose answers feed the assessment, where alone the criterion is concluded', async () => {
    const templates = await call<TemplateSummary[]>(app.dispatch, 'templates:list', {});
    const wco = templates.find((t) => t.templateId === 'wco-safe-criteria')!;
    expect(wco.version).toBeGreaterThanOrEqual(2);
    expect(wco.title.en).not.toMatch(/conclusion/i);
    expect(wco.title.ru).not.toMatch(/вывод/i);
    expect(wco.description?.en).toMatch(/conclusion on each criterion is made once, in the assessment/);

    const before = (await call<Assessment>(app.dispatch, 'assessment:get', { caseId: fx.caseId })).criteria.find((c) => c.criterion === 'I')!;
    const run = await call<{ id: string }>(app.dispatch, 'runs:create', { caseId: fx.caseId, templateId: 'wco-safe-criteria', label: 'Criteria questions' });
    const answered = await call<{ id: string }>(app.dispatch, 'runs:answer', { runId: run.id, itemId: 'i-perimeter-buildings', value: 'non_compliant', note: 'Rear fence broken' });
    const after = (await call<Assessment>(app.dispatch, 'assessment:get', { caseId: fx.caseId })).criteria.find((c) => c.criterion === 'I')!;
    // The answer counts in the criterion's summary; the conclusion is the assessment's, untouched by the answer.
    expect(after.summary.nonCompliant).toBe(before.summary.nonCompliant + 1);
    expect(after.conclusion).toBe(before.conclusion);
    const cited = await call<Assessment>(app.dispatch, 'assessment:setCitations', { caseId: fx.caseId, criterion: 'I', answerIds: [answered.id] });
    expect(cited.criteria.find((c) => c.criterion === 'I')?.citations?.answerIds).toEqual([answered.id]);
  });
});

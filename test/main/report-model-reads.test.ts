import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PdfResult, ReportModel, ReportVersionSummary } from '../../src-main/contract/reports';
import type { Risk } from '../../src-main/contract/risks';
import { composeReportModel, currentContentHash, modelContentHash } from '../../src-main/domains/report-model';
import { openAppWithReport, type ReportFixture } from '../support/report-fixture';
import { call, type TestApp } from '../support/temp-store';

/*
 * What composing a report model reads: every statement the store prepares while composing is recorded (drizzle
 * prepares each query on the better-sqlite3 connection), so a query per answer link, or a walk of the whole audit
 * chain where only the content is compared, shows up as statements.
 */

let app: TestApp;
let fx: ReportFixture;
let answerIds: string[];
beforeAll(async () => {
  ({ app, fx } = await openAppWithReport({ photos: 0, findings: 1 }));
  answerIds = app.store.sqlite
    .prepare('SELECT id FROM answers WHERE run_id = ? AND value IS NOT NULL ORDER BY item_id')
    .pluck()
    .all(fx.runId) as string[];
}, 120_000);
afterAll(() => app.dispose());

/** The SQL of every statement prepared while `work` runs. */
async function statementsOf(work: () => unknown): Promise<string[]> {
  const spy = vi.spyOn(app.store.sqlite, 'prepare');
  try {
    await work();
    return spy.mock.calls.map(([sql]) => String(sql));
  } finally {
    spy.mockRestore();
  }
}

const linkAnswers = (riskId: string, ids: string[]) =>
  call<Risk>(app.dispatch, 'risks:update', { id: riskId, patch: { links: { answerIds: ids, evidenceIds: [] } } });

describe('composing a report model', () => {
  it('reads the linked answers in bulk: as many statements for six answer links as for one', async () => {
    expect(answerIds.length).toBeGreaterThanOrEqual(6);
    const risk = fx.risks[2]!;
    await linkAnswers(risk.id, answerIds.slice(0, 1));
    const one = await statementsOf(() => composeReportModel(app.store, fx.caseId));
    await linkAnswers(risk.id, answerIds.slice(0, 6));
    let model: ReportModel | undefined;
    const six = await statementsOf(() => {
      model = composeReportModel(app.store, fx.caseId);
    });

    expect(six.length).toBe(one.length);
    // And the answers are still all there, each with its value and prompt.
    const answers = model!.risks.find((r) => r.id === risk.id)!.answers;
    expect(answers).toHaveLength(6);
    expect(answers.every((a) => a.runId === fx.runId && a.prompt !== null && a.value !== null)).toBe(true);
  });

  it('gives the same content hash through the cheap comparison as a fully composed model does', () => {
    expect(currentContentHash(app.store, fx.caseId)).toBe(modelContentHash(composeReportModel(app.store, fx.caseId)));
  });

  it('compares the latest version with the case without reading the audit log', async () => {
    // The shown model does summarise the audit log: the recorder sees it there.
    const shown = await statementsOf(() => call(app.dispatch, 'reports:model', { caseId: fx.caseId }));
    expect(shown.some((sql) => sql.includes('audit_log'))).toBe(true);

    const latest = await call<ReportVersionSummary>(app.dispatch, 'reports:createVersion', { caseId: fx.caseId });
    let printed: PdfResult | undefined;
    const printing = await statementsOf(async () => {
      printed = await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId: fx.caseId, document: 'control-plan', lang: 'en' });
    });
    // The case did not change, so the latest version is printed, and deciding that walked no audit row.
    expect(printed!.versionId).toBe(latest.id);
    expect(printing.filter((sql) => sql.includes('audit_log'))).toEqual([]);
  }, 120_000);
});

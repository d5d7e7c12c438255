import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfResult, ReportModel } from '../../src-main/contract/reports';
import type { Risk } from '../../src-main/contract/risks';
import { issuesFromZod } from '../../src-main/contract/result';
import { RiskCreate } from '../../src-main/contract/risks';
import { openAppWithReport, type ReportFixture } from '../support/report-fixture';
import { call, type TestApp } from '../support/temp-store';

/** Controls should lower a risk: a residual rating above the inherent one is kept only with the reason for it. */
let app: TestApp;
let fx: ReportFixture;
beforeAll(async () => {
  ({ app, fx } = await openAppWithReport({ photos: 0 }));
});
afterAll(() => app.dispose());

const count = (sql: string) => app.store.sqlite.prepare(sql).pluck().get() as number;
const rows = () => ({ risks: count('SELECT count(*) FROM risks'), audit: count('SELECT count(*) FROM audit_log') });
const base = { title: 'Seal stock kept in an open drawer', likelihood: 2, consequence: 2 };

describe('a residual risk above the inherent risk', () => {
  it('is refused without a reason, client- and server-side, with its own code; nothing is stored', async () => {
    const input = { caseId: fx.caseId, ...base, residualLikelihood: 3, residualConsequence: 2 };
    const parsed = RiskCreate.safeParse(input);
    expect(issuesFromZod(parsed.error!)).toContainEqual(expect.objectContaining({ path: 'residualReason', code: 'residual_above_inherent' }));
    const before = rows();
    expect(await app.dispatch('risks:create', { ...input, residualReason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'residualReason', code: 'residual_above_inherent' }] },
    });
    expect(rows()).toEqual(before);
  });

  it('is kept with its reason, which is audited, returned and printed in the report', async () => {
    const risk = await call<Risk>(app.dispatch, 'risks:create', {
      caseId: fx.caseId,
      ...base,
      residualLikelihood: 3,
      residualConsequence: 2,
      residualReason: 'The new gate contractor has no vetting yet',
    });
    expect(risk).toMatchObject({ inherent: { score: 4 }, residual: { score: 6 }, residualReason: 'The new gate contractor has no vetting yet' });
    const audit = app.store.sqlite
      .prepare(`SELECT after FROM audit_log WHERE entity = 'risk' AND entity_id = ? AND action = 'create'`)
      .pluck()
      .get(risk.id) as string;
    expect(JSON.parse(audit)).toMatchObject({ residualReason: 'The new gate contractor has no vetting yet' });

    const model = await call<ReportModel>(app.dispatch, 'reports:model', { caseId: fx.caseId });
    expect(model.risks.find((r) => r.id === risk.id)?.residualReason).toBe('The new gate contractor has no vetting yet');
    for (const [lang, words] of [['en', 'Residual above inherent, because'], ['ru', 'Остаточный риск выше исходного, поскольку']] as const) {
      const pdf = await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId: fx.caseId, document: 'validation-report', lang });
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain(words);
      expect(text).toContain('gate contractor has no vetting yet');
    }
  }, 60_000);

  it('an update that raises the residual rating above the inherent one, or clears the reason, is refused with both scores', async () => {
    const risk = await call<Risk>(app.dispatch, 'risks:create', { caseId: fx.caseId, ...base, residualLikelihood: 1, residualConsequence: 2 });
    const before = rows();
    expect(await app.dispatch('risks:update', { id: risk.id, patch: { residualLikelihood: 5 } })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'patch.residualReason', code: 'residual_above_inherent', params: { inherent: 4, residual: 10 } }] },
    });
    expect(rows()).toEqual(before);
    const raised = await call<Risk>(app.dispatch, 'risks:update', {
      id: risk.id,
      patch: { residualLikelihood: 5, residualReason: 'Controls found ineffective on the night shift' },
    });
    expect(raised.residualReason).toBe('Controls found ineffective on the night shift');
    expect(await app.dispatch('risks:update', { id: risk.id, patch: { residualReason: '' } })).toMatchObject({
      ok: false,
      error: { issues: [{ code: 'residual_above_inherent' }] },
    });
    // Lowering the residual rating to the inherent level needs no reason.
    expect(await app.dispatch('risks:update', { id: risk.id, patch: { residualLikelihood: 2, residualReason: '' } })).toMatchObject({ ok: true });
  });
});

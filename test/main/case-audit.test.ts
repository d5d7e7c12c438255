import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, CaseAuditPage } from '../../src-main/contract/audit';
import { newId } from '../../src-main/core/ids';
import { buildReportFixture, openAppWithReport, type ReportFixture } from '../support/report-fixture';
import { call, type TestApp } from '../support/temp-store';

/**
 * The per-case audit trail: every change of the case whichever record it touched, not only the rows that name the
 * case itself (the trail used to show 4 of 93 rows). A second case of the same store must not leak in.
 */
let app: TestApp;
let fx: ReportFixture;
let other: ReportFixture;
beforeAll(async () => {
  ({ app, fx } = await openAppWithReport({ photos: 1 }));
  other = await buildReportFixture(app, { photos: 0, caseNumber: 'AEO-2026-0002' });
  await call(app.dispatch, 'reports:createVersion', { caseId: fx.caseId });
});
afterAll(() => app.dispose());

const page = (input: Record<string, unknown>) => call<CaseAuditPage>(app.dispatch, 'audit:case', { caseId: fx.caseId, ...input });
const sql = (query: string, ...params: unknown[]) => app.store.sqlite.prepare(query).pluck().get(...params) as number;

describe('audit:case', () => {
  it('lists every change of the case (answers, evidence and its file, risks, findings, links, plan, versions), newest first', async () => {
    const all = await page({ limit: 1000 });
    const byCaseId = sql(`SELECT count(*) FROM audit_log WHERE entity_id = ?`, fx.caseId);
    expect(all.total).toBeGreaterThan(byCaseId * 3);
    expect(all.entries).toHaveLength(all.total);
    expect(all.kinds).toEqual(expect.arrayContaining(['answer', 'blob', 'case', 'evidence', 'finding', 'finding_link', 'report_version', 'risk', 'risk_link', 'run', 'site']));
    const answers = sql(`SELECT count(*) FROM audit_log WHERE entity = 'answer' AND entity_id IN (SELECT a.id FROM answers a JOIN checklist_runs r ON r.id = a.run_id WHERE r.case_id = ?)`, fx.caseId);
    expect(all.entries.filter((e) => e.entity === 'answer')).toHaveLength(answers);
    const seqs = all.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    // Nothing of the other case, though both share the operator, the user and the templates.
    const theirs = new Set((await call<CaseAuditPage>(app.dispatch, 'audit:case', { caseId: other.caseId, limit: 1000 })).entries.map((e) => e.id));
    expect(all.entries.filter((e) => theirs.has(e.id) && e.entity !== 'blob')).toEqual([]);
    expect(all.entries.some((e) => e.entityId === other.caseId || e.entityId === other.runId)).toBe(false);
  });

  it('filters by kind, by user and by day, and pages without gaps or repeats', async () => {
    const answers = await page({ entities: ['answer'], limit: 1000 });
    expect(answers.total).toBeGreaterThan(0);
    expect(answers.entries.every((e) => e.entity === 'answer')).toBe(true);
    const two = await page({ entities: ['risk', 'finding'], limit: 1000 });
    expect(new Set(two.entries.map((e) => e.entity))).toEqual(new Set(['risk', 'finding']));

    const all = await page({ limit: 1000 });
    const dana = all.actors.find((a) => a.name === 'Dana Validator')!;
    const mine = await page({ actorId: dana.id, limit: 1000 });
    expect(mine.entries.every((e) => e.actorId === dana.id)).toBe(true);
    expect(mine.total).toBe(all.entries.filter((e) => e.actorId === dana.id).length);

    const today = all.entries[0]!.at.slice(0, 10);
    expect((await page({ from: today, to: today, limit: 1000 })).total).toBe(all.total);
    expect((await page({ from: '2099-01-01' })).total).toBe(0);
    expect((await page({ to: '2000-01-01' })).total).toBe(0);

    const seen: AuditEntry[] = [];
    for (let offset = 0; offset < all.total; offset += 7) seen.push(...(await page({ offset, limit: 7 })).entries);
    expect(seen.map((e) => e.id)).toEqual(all.entries.map((e) => e.id));
  });

  it('an unknown case is not_found; a period that ends before it starts is refused with its code', async () => {
    expect(await app.dispatch('audit:case', { caseId: newId() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await app.dispatch('audit:case', { caseId: fx.caseId, from: '2026-05-02', to: '2026-05-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'to', code: 'end_before_start' }] },
    });
  });
});

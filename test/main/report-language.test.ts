import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { PdfResult } from '../../src-main/contract/reports';
import type { Row } from '../../src-main/core/merge/snapshot';
import { createVersion, markVersionSealed } from '../../src-main/domains/reports';
import { applySnapshot, readSnapshot } from '../../src-main/domains/team/snapshot-store';
import { currentUser } from '../../src-main/domains/users';
import { runAeo } from '../support/aeo-cli';
import { call, openAppWithUser, sampleCase, tempDir, type TestApp } from '../support/temp-store';

/*
 * A case's report language (issue 13): chosen at creation, changeable (audited) until a report version is sealed,
 * and what printing uses when no language is named. Bundles carry it in the case row of their snapshot; a bundle
 * from before it existed carries none, and the case then reports in English.
 */

let app: TestApp;
beforeAll(async () => {
  app = await openAppWithUser();
});
afterAll(() => app.dispose());

const count = (sql: string, ...args: unknown[]) => app.store.sqlite.prepare(sql).pluck().get(...args) as number;
const newCase = (caseNumber: string, extra: Record<string, unknown> = {}) =>
  call<CaseDetail>(app.dispatch, 'cases:create', sampleCase({ caseNumber, newOperator: { ...sampleCase().newOperator, identificationNumber: `KZ-${caseNumber}` }, ...extra }));
const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

describe('the report language of a case', () => {
  it('is English unless the case is created with another, and the creation audit records it', async () => {
    expect((await newCase('RL-1')).reportLanguage).toBe('en');
    const ru = await newCase('RL-2', { reportLanguage: 'ru' });
    expect(ru.reportLanguage).toBe('ru');
    const after = JSON.parse(app.store.sqlite.prepare("SELECT after FROM audit_log WHERE entity = 'case' AND entity_id = ? AND action = 'create'").pluck().get(ru.id) as string);
    expect(after.reportLanguage).toBe('ru');
  });

  it('refuses a language that is not one of the report languages, and nothing is written', async () => {
    const before = count('SELECT count(*) FROM cases');
    const result = await app.dispatch('cases:create', sampleCase({ caseNumber: 'RL-X', reportLanguage: 'de' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [expect.objectContaining({ path: 'reportLanguage' })] } });
    expect(count('SELECT count(*) FROM cases')).toBe(before);
  });

  it('changes until a version is sealed, audited; then it is refused with its own code and nothing changes', async () => {
    const detail = await newCase('RL-3');
    const changed = await call<CaseDetail>(app.dispatch, 'cases:update', { id: detail.id, patch: { reportLanguage: 'ru' } });
    expect(changed.reportLanguage).toBe('ru');
    expect(changed.hasSealedReport).toBe(false);
    const audit = app.store.sqlite
      .prepare("SELECT before, after FROM audit_log WHERE entity = 'case' AND entity_id = ? AND field = 'reportLanguage'")
      .all(detail.id) as { before: string; after: string }[];
    expect(audit).toEqual([{ before: 'en', after: 'ru' }]);

    const user = currentUser(app.store)!;
    const actor = { id: user.id, name: user.name };
    app.store.db.transaction(() => markVersionSealed(app.store, actor, createVersion(app.store, actor, detail.id).id));
    expect((await call<CaseDetail>(app.dispatch, 'cases:get', { id: detail.id })).hasSealedReport).toBe(true);

    const rows = count('SELECT count(*) FROM audit_log');
    const refused = await app.dispatch('cases:update', { id: detail.id, patch: { reportLanguage: 'en' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'immutable', issues: [{ path: 'patch.reportLanguage', code: 'report_language_sealed' }] } });
    expect((await call<CaseDetail>(app.dispatch, 'cases:get', { id: detail.id })).reportLanguage).toBe('ru');
    expect(count('SELECT count(*) FROM audit_log')).toBe(rows);
    // The rest of the case stays editable, and naming the language it already has is no change.
    const notes = await call<CaseDetail>(app.dispatch, 'cases:update', { id: detail.id, patch: { notes: 'still editable', reportLanguage: 'ru' } });
    expect(notes.notes).toBe('still editable');
  });

  it('is what reports:pdf prints in when no language is named', async () => {
    const detail = await newCase('RL-4', { reportLanguage: 'ru' });
    const pdf = await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId: detail.id, document: 'validation-report' });
    expect(pdf.lang).toBe('ru');
    expect(path.basename(pdf.path)).toBe('validation-report.ru.pdf');
    expect(pdfText(pdf.path)).toContain('Отчёт о валидации');
    const english = await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId: detail.id, document: 'validation-report', lang: 'en' });
    expect(english.lang).toBe('en');
  }, 60_000);

  it('is what aeo report prints in without --lang', async () => {
    const detail = await newCase('RL-5', { reportLanguage: 'ru' });
    const out = tempDir('aeo-report-lang-');
    const { code } = await runAeo('report', [], { data: app.dataDir, case: detail.caseNumber, out });
    expect(code).toBe(0);
    expect(pdfText(path.join(out, 'validation-report.pdf'))).toContain('Отчёт о валидации');
    const en = path.join(out, 'en');
    expect((await runAeo('report', [], { data: app.dataDir, case: detail.caseNumber, out: en, lang: 'en' })).code).toBe(0);
    expect(pdfText(path.join(en, 'validation-report.pdf'))).not.toContain('Отчёт о валидации');
  }, 60_000);
});

describe('bundles carry the report language in the case row', () => {
  it('a snapshot takes it across, and an older snapshot without it gives English', async () => {
    const source = await newCase('RL-6', { reportLanguage: 'ru' });
    const snapshot = readSnapshot(app.store, source.id, { evidence: false });
    expect(snapshot.tables.cases?.[0]?.['reportLanguage']).toBe('ru');

    const withoutLanguage = (rows: readonly Row[] | undefined) => (rows ?? []).map(({ reportLanguage: _dropped, ...row }) => row);
    const target = await openAppWithUser();
    try {
      const targetUser = currentUser(target.store)!;
      target.store.db.transaction(() => applySnapshot(target.store, { id: targetUser.id, name: targetUser.name }, snapshot));
      expect((await call<CaseDetail>(target.dispatch, 'cases:get', { id: source.id })).reportLanguage).toBe('ru');
    } finally {
      target.dispose();
    }
    const older = await openAppWithUser();
    try {
      const olderUser = currentUser(older.store)!;
      const old = { ...snapshot, tables: { ...snapshot.tables, cases: withoutLanguage(snapshot.tables.cases) } };
      older.store.db.transaction(() => applySnapshot(older.store, { id: olderUser.id, name: olderUser.name }, old));
      expect((await call<CaseDetail>(older.dispatch, 'cases:get', { id: source.id })).reportLanguage).toBe('en');
    } finally {
      older.dispose();
    }
  });
});

import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { Interview } from '../../src-main/contract/plan';
import type { PdfResult } from '../../src-main/contract/reports';
import type { InterviewMinutes, SystemReview } from '../../src-main/contract/systems';
import { call, openAppWithCase, sampleCase, sampleOperator, type TestApp } from '../support/temp-store';

let app: TestApp;
let caseId: string;
beforeEach(async () => {
  ({ app, caseId } = await openAppWithCase());
});
afterEach(() => app.dispose());

const count = (table: string) => app.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const auditFor = (entityId: string) =>
  (
    app.store.sqlite.prepare('SELECT action, field, before, after FROM audit_log WHERE entity_id = ? ORDER BY seq').all(entityId) as {
      action: string;
      field: string | null;
      before: string | null;
      after: string | null;
    }[]
  ).map((a) => [a.action, a.field, a.before, a.after]);
const missingId = '01900000-0000-7000-8000-000000000000';
const erp = { system: 'ERP (SAP S/4HANA)', checked: 'Customs declarations module, user rights', notes: 'Role review quarterly' };

describe('step 3: system notes', () => {
  it('save creates, edits per field, lists, and remove tombstones, each audited', async () => {
    const created = await call<SystemReview>(app.dispatch, 'systems:save', { caseId, ...erp });
    expect(created).toMatchObject({ ...erp, caseId, evidenceIds: [] });
    const edited = await call<SystemReview>(app.dispatch, 'systems:save', {
      caseId,
      id: created.id,
      ...erp,
      notes: 'Role review quarterly; two dormant accounts found',
    });
    expect(edited.notes).toBe('Role review quarterly; two dormant accounts found');
    expect(await call(app.dispatch, 'systems:list', { caseId })).toEqual([edited]);

    await call(app.dispatch, 'systems:remove', { caseId, id: created.id });
    expect(await call(app.dispatch, 'systems:list', { caseId })).toEqual([]);
    expect(count('system_reviews')).toBe(1);
    expect(auditFor(created.id)).toEqual([
      ['create', null, null, expect.stringContaining('ERP (SAP S/4HANA)')],
      ['update', 'notes', 'Role review quarterly', 'Role review quarterly; two dormant accounts found'],
      ['delete', 'removedAt', null, expect.any(String)],
    ]);
  });

  it('refuses bad input and a foreign evidence id, and writes nothing', async () => {
    const auditRows = count('audit_log');
    expect(await app.dispatch('systems:save', { caseId, ...erp, system: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [expect.objectContaining({ path: 'system' })] },
    });
    expect(await app.dispatch('systems:save', { caseId, ...erp, evidenceIds: [missingId] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await app.dispatch('systems:save', { caseId: missingId, ...erp })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await app.dispatch('systems:remove', { caseId, id: missingId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(count('system_reviews')).toBe(0);
    expect(count('audit_log')).toBe(auditRows);
  });
});

describe('step 4: interview minutes', () => {
  const planInterview = () =>
    call<Interview>(app.dispatch, 'plan:saveInterview', { caseId, person: 'Aigerim Sadykova', role: 'Customs manager' });

  it('minutes are saved per planned interview, then edited field by field, each audited', async () => {
    const interview = await planInterview();
    const minutes = {
      caseId,
      interviewId: interview.id,
      present: ['Aigerim Sadykova', 'Dana Validator'],
      topics: 'Security organisation',
      answers: 'A security officer is appointed.',
      followUps: '',
    };
    const first = await call<InterviewMinutes>(app.dispatch, 'interviews:saveMinutes', minutes);
    // Saved again with one field changed: the same minutes, one audited update.
    const second = await call<InterviewMinutes>(app.dispatch, 'interviews:saveMinutes', { ...minutes, followUps: 'Send the appointment order' });
    expect(second.id).toBe(first.id);
    expect(await call(app.dispatch, 'interviews:minutes', { caseId })).toEqual([second]);
    expect(count('interview_minutes')).toBe(1);
    expect(auditFor(first.id)).toEqual([
      ['create', null, null, expect.stringContaining('Security organisation')],
      ['update', 'followUps', '', 'Send the appointment order'],
    ]);
  });

  it('minutes for an interview not planned in this case, or removed, are refused', async () => {
    const interview = await planInterview();
    const otherCase = (await call<CaseDetail>(app.dispatch, 'cases:create', sampleCase({ caseNumber: 'AEO-2026-0002', newOperator: { ...sampleOperator, identificationNumber: 'KZ-BIN-2' } }))).id;
    expect(await app.dispatch('interviews:saveMinutes', { caseId: otherCase, interviewId: interview.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found', issues: [expect.objectContaining({ path: 'interviewId' })] },
    });
    await call(app.dispatch, 'plan:removeInterview', { caseId, id: interview.id });
    expect(await app.dispatch('interviews:saveMinutes', { caseId, interviewId: interview.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await app.dispatch('interviews:saveMinutes', { caseId, interviewId: interview.id, present: ['a\u0000b'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(count('interview_minutes')).toBe(0);
  });
});

describe('steps 3 and 4 in the validation report', () => {
  it.each(['en', 'ru'] as const)('the PDF prints the system notes and the interview minutes (%s)', async (lang) => {
    const interview = await call<Interview>(app.dispatch, 'plan:saveInterview', { caseId, person: 'Aigerim Sadykova', role: 'Customs manager' });
    await call(app.dispatch, 'systems:save', { caseId, ...erp });
    await call(app.dispatch, 'interviews:saveMinutes', {
      caseId,
      interviewId: interview.id,
      present: ['Aigerim Sadykova'],
      answers: 'A security officer is appointed.',
      followUps: 'Send the appointment order',
    });
    const report = await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId, document: 'validation-report', lang });
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', report.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(lang === 'en' ? 'Business systems reviewed (step 3)' : 'Изученные бизнес-системы (шаг 3)');
    expect(text).toContain(lang === 'en' ? 'Interview minutes (step 4)' : 'Протоколы интервью (шаг 4)');
    expect(text).toContain('ERP (SAP S/4HANA)');
    expect(text).toContain('Role review quarterly');
    // The minutes are printed once, in their annex; step 4's block points there.
    expect(text.split('Send the appointment order').length - 1).toBe(1);
    expect(text).toContain(lang === 'en' ? 'Minutes of 1 interview: see "Annex: interview minutes".' : 'Протоколы интервью (1): см. «Приложение. Протоколы интервью».');
  }, 60_000);
});

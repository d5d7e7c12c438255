import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { PdfResult } from '../../src-main/contract/reports';
import { printedLetter } from '../../src-main/domains/improvement-letter';
import { createVersion, markVersionSealed } from '../../src-main/domains/reports';
import { currentUser } from '../../src-main/domains/users';
import { buildReportFixture, type ReportFixture } from '../support/report-fixture';
import { runAeo } from '../support/aeo-cli';
import { call, openTestApp, tempDir, type TestApp } from '../support/temp-store';

/*
 * The certification cycle on paper, in English and Russian, read back with poppler: the application section of the
 * validation report, the account manager section of the control plan, and the improvement-actions letter. Page
 * images go to test-results/pdf/ for a person to look at.
 */

const RESULTS = path.resolve('test-results', 'pdf');
const textOf = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const render = (file: string, name: string) => {
  mkdirSync(RESULTS, { recursive: true });
  execFileSync('pdftoppm', ['-r', '70', '-png', file, path.join(RESULTS, name)]);
};

let app: TestApp;
let fx: ReportFixture;
const decidedOn = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  app = openTestApp();
  fx = await buildReportFixture(app, { photos: 0 });
  const d = app.dispatch;
  const operatorId = (await call<CaseDetail>(d, 'cases:get', { id: fx.caseId })).operator.id;
  await call(d, 'application:update', { caseId: fx.caseId, receivedOn: '2026-10-15', reference: 'APP-2026/0457' });
  await call(d, 'application:saveDocument', { caseId: fx.caseId, kind: 'saq', title: 'SAQ v2', receivedOn: '2026-10-16' });
  await call(d, 'accountManager:assign', { operatorId, name: 'Тимур Ахметов', position: 'Senior inspector', phone: '+7 727 000 1111', assignedOn: '2026-11-01' });
  await call(d, 'accountManager:saveActivity', { operatorId, function: 'meetings_and_visits', date: '2026-11-20', note: 'Introductory meeting at the head office.' });
  const user = currentUser(app.store)!;
  const actor = { id: user.id, name: user.name };
  app.store.db.transaction(() => markVersionSealed(app.store, actor, createVersion(app.store, actor, fx.caseId).id));
  await call(d, 'authorization:record', {
    caseId: fx.caseId,
    decision: 'granted_with_conditions',
    decidedOn,
    certificateNumber: 'KZ AEO 0001',
    registerEntry: 'Register entry 145',
    conditions: 'Install CCTV covering the rear gate within three months.',
  });
});
afterAll(() => app.dispose());

describe('the validation report prints the application', () => {
  it.each([
    ['en', ['Application', 'Application received', '2026-10-15', 'APP-2026/0457', 'AEO status applied for', 'Documents received', 'Self-assessment questionnaire (SAQ): SAQ v2', '2026-10-16']],
    ['ru', ['Заявление', 'Дата получения заявления', '15.10.2026', 'APP-2026/0457', 'Вид статуса УЭО', 'Полученные документы', 'Анкета самооценки: SAQ v2', '16.10.2026']],
  ] as const)('%s', async (lang, expected) => {
    const printed = await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId: fx.caseId, document: 'validation-report', lang });
    const text = textOf(printed.path);
    for (const phrase of expected) expect(text, phrase).toContain(phrase);
    execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '2', '-l', '2', printed.path, path.join(RESULTS, `cycle-report-${lang}`)]);
  });
});

describe('the control plan prints the account manager and their activities', () => {
  it.each([
    ['en', ['Account manager', 'Тимур Ахметов', 'Senior inspector', '+7 727 000 1111', 'Activities of the account manager', 'Arranging meetings and business visits', 'Introductory meeting at the head office.']],
    ['ru', ['Куратор', 'Тимур Ахметов', 'Дата назначения', '01.11.2026', 'Деятельность куратора', 'Организация встреч и деловых визитов', '20.11.2026']],
  ] as const)('%s', async (lang, expected) => {
    const printed = await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId: fx.caseId, document: 'control-plan', lang });
    const text = textOf(printed.path);
    for (const phrase of expected) expect(text, phrase).toContain(phrase);
    execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '2', '-l', '2', printed.path, path.join(RESULTS, `cycle-control-plan-${lang}`)]);
  });
});

describe('the improvement-actions letter', () => {
  it.each([
    ['en', ['Improvement actions', `case ${'AEO-2026-0001'}`, 'Steppe Logistics LLP', 'Status granted with conditions', 'KZ AEO 0001', 'Register entry 145', 'Conditions of the authorization', 'Install CCTV covering the rear gate within three months.', 'Improvement action required', 'Your account manager: Тимур Ахметов', 'version 1 of the sealed validation report', 'Lead validator', 'Dana Validator']],
    ['ru', ['Меры по улучшению', 'дело AEO-2026-0001', 'Steppe Logistics LLP', 'Статус присвоен с условиями', 'Номер свидетельства', 'Условия присвоения статуса', 'Требуемая мера по улучшению', 'Ваш куратор: Тимур Ахметов', 'Ведущий валидатор']],
  ] as const)('%s: decision, conditions, one row per finding that asks an action, signatures', async (lang, expected) => {
    const result = await call<{ authorizationId: string; pages: number }>(app.dispatch, 'authorization:letter', { caseId: fx.caseId, lang });
    const file = (await printedLetter(app.dataDir, result.authorizationId, lang))!;
    const text = textOf(file);
    for (const phrase of expected) expect(text, phrase).toContain(phrase);
    for (const finding of fx.findings) {
      if (finding.status === 'cancelled' || finding.status === 'verified') expect(text).not.toContain(finding.description);
      else expect(text, finding.description).toContain(finding.description.replace(/\s+/g, ' '));
    }
    render(file, `cycle-letter-${lang}`);
  });

  it('is refused before a decision is recorded, and prints nothing', async () => {
    const other = await buildReportFixture(app, { caseNumber: 'AEO-2026-0002', photos: 0, unfinished: true });
    const result = await app.dispatch('authorization:letter', { caseId: other.caseId, lang: 'en' });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ code: 'no_decision' }] } });
  });

  it('aeo letter writes it under its export name, and exits 1 for a case without a decision', async () => {
    const out = tempDir('aeo-letter-out-');
    const done = await runAeo('letter', [], { data: app.dataDir, case: fx.caseNumber, out, lang: 'ru' });
    expect(done.code, done.out).toBe(0);
    const file = path.join(out, `${fx.caseNumber}_improvement-letter_v1_ru.pdf`);
    expect(existsSync(file)).toBe(true);
    expect(textOf(file)).toContain('Статус присвоен с условиями');
    const refused = await runAeo('letter', [], { data: app.dataDir, case: 'AEO-2026-0002', out, lang: 'en' });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Record the authorization decision first');
  });
});

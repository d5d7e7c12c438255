import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { Evidence } from '../../src-main/contract/evidence';
import type { Plan } from '../../src-main/contract/plan';
import type { RunSummary } from '../../src-main/contract/runs';
import type { AuditVerification } from '../../src-main/contract/audit';
import type { Risk } from '../../src-main/contract/risks';
import { runAeo } from '../support/aeo-cli';
import type { Application } from '../../src-main/contract/certification';
import type { Assessment } from '../../src-main/contract/assessment';
import type { OpenItem } from '../../src-main/contract/open-items';
import type { AccountManagerState } from '../../src-main/contract/post-certification';
import type { InterviewMinutes, SystemReview } from '../../src-main/contract/systems';
import type { ReportModel } from '../../src-main/contract/reports';
import type { OfficialRecord } from '../../src-main/contract/official';
import { openItems } from '../../src-main/core/consistency';
import { call, openTestApp, tempDir, type TestApp } from '../support/temp-store';

/** `aeo demo` run as a user runs it: the real CLI entry in a child process, then its data opened by the app's store. */
const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
let caseId: string;
let app: TestApp;
/** The same demo written in Russian (`--lang ru`). */
let ruDir: string;
let ruCaseId: string;
let ruApp: TestApp;

const runDemo = (dir: string, ...extra: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'src-main/cli/aeo.ts'), 'demo', '--data', dir, ...extra], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();

const runReport = (dir: string, id: string, lang: 'en' | 'ru') => {
  const out = path.join(dir, `printed-${lang}`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'src-main/cli/aeo.ts'), 'report', '--data', dir, '--case', id, '--out', out, '--lang', lang], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const text = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-nodiag', path.join(out, file), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return { report: text('validation-report.pdf'), controlPlan: text('control-plan.pdf') };
};

beforeAll(() => {
  dataDir = tempDir('aeo-demo-');
  caseId = runDemo(dataDir);
  app = openTestApp(dataDir);
  ruDir = tempDir('aeo-demo-ru-');
  ruCaseId = runDemo(ruDir, '--lang', 'ru');
  ruApp = openTestApp(ruDir);
}, 240_000);
afterAll(() => {
  app.dispose();
  ruApp.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(ruDir, { recursive: true, force: true });
});

/** A stored UTC time as the demo's authority reads it (Asia/Almaty): its day and its hh:mm. */
function almaty(at: string) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** `aeo report` of a demo case, and the text of the validation report's first page (the cover) and of all of it. */
async function printedText(dir: string, id: string, lang: 'en' | 'ru') {
  const out = tempDir('aeo-demo-pdf-');
  const printed = await runAeo('report', [], { data: dir, case: id, out, lang });
  expect(printed.code, printed.out).toBe(0);
  const file = path.join(out, 'validation-report.pdf');
  const read = (...args: string[]) => execFileSync('pdftotext', ['-enc', 'UTF-8', ...args, file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return { cover: read('-l', '1'), all: read() };
}

/** The facts a reviewer checks in a validation case, true of the demo in either language. */
async function expectReviewableFacts(test: TestApp, id: string) {
  const today = new Date().toISOString().slice(0, 10);
  const detail = await call<CaseDetail>(test.dispatch, 'cases:get', { id });
  const plan = await call<Plan>(test.dispatch, 'plan:get', { caseId: id });
  // Every interview was held, and before today, when the report is composed.
  expect(plan.interviews.length).toBeGreaterThan(0);
  for (const interview of plan.interviews) {
    expect(interview.held, interview.person).toBe(true);
    expect(interview.date! < today, `${interview.person} ${interview.date}`).toBe(true);
    expect(interview.date! >= detail.openedOn).toBe(true);
  }
  // The inspection took place on a visit day, and each of its photos was taken on that date.
  const runs = await call<RunSummary[]>(test.dispatch, 'runs:list', { caseId: id });
  const inspection = runs.find((r) => r.templateId === 'ctpat-container-7pt')!;
  const inspectionDate = inspection.metadata.inspection_date!;
  expect(plan.visits.map((v) => v.date)).toContain(inspectionDate);
  expect(inspectionDate < today).toBe(true);
  const evidence = await call<Evidence[]>(test.dispatch, 'evidence:list', { caseId: id });
  const visitDays = new Set(plan.visits.map((v) => v.date));
  for (const photo of evidence) {
    expect(visitDays.has(photo.capturedAt.slice(0, 10)), `${photo.caption} ${photo.capturedAt}`).toBe(true);
    if (photo.runId === inspection.id) expect(photo.capturedAt.slice(0, 10)).toBe(inspectionDate);
  }
  // Risks are stated as risks (an event with its cause), not copied from a checklist prompt.
  const risks = await call<Risk[]>(test.dispatch, 'risks:list', { caseId: id });
  expect(risks).toHaveLength(2);
  for (const risk of risks) {
    expect(risk.title.split(/\s+/).length, risk.title).toBeGreaterThanOrEqual(8);
    expect(risk.title).not.toMatch(/\?$/);
  }
  return { detail, risks, inspection };
}

describe('aeo demo', () => {
  it('prints only the new case id on stdout', () => {
    expect(caseId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('creates a case whose plan has two sites and two interviews', async () => {
    const detail = await call<CaseDetail>(app.dispatch, 'cases:get', { id: caseId });
    expect(detail.operator.legalName).toBe('Steppe Logistics LLP');
    const plan = await call<Plan>(app.dispatch, 'plan:get', { caseId });
    expect(plan.sites).toHaveLength(2);
    expect(plan.interviews).toHaveLength(2);
    expect(plan.procedures.map((p) => p.templateId)).toEqual(['ctpat-container-7pt', 'physical-security']);
  });

  it('has both checklists answered in full and signed off by the lead, the inspection with its one non-compliant point', async () => {
    const runs = await call<RunSummary[]>(app.dispatch, 'runs:list', { caseId });
    const inspection = runs.find((r) => r.templateId === 'ctpat-container-7pt')!;
    const physical = runs.find((r) => r.templateId === 'physical-security')!;
    for (const run of [inspection, physical]) {
      expect(run.progress.answered, run.templateId).toBe(run.progress.total);
      expect(run.progress.evidenceMissing).toBe(0);
      expect(run.finished?.byName).toBe('Aigerim Sadykova');
    }
    expect(inspection.progress.nonCompliant).toBe(1);
    // The gate stays partially compliant, with its note and photo, as it was found.
    const gate = (await call<{ answers: { itemId: string; value: unknown; note: string }[] }>(app.dispatch, 'runs:get', { id: physical.id })).answers.find(
      (a) => a.itemId === 'gates-locked',
    )!;
    expect(gate.value).toBe('partially_compliant');
    expect(gate.note).toMatch(/unlocked and unguarded/);
  });

  it('attached fifteen generated photos with their EXIF capture times (local time +05:00) and three documents examined', async () => {
    const evidence = await call<Evidence[]>(app.dispatch, 'evidence:list', { caseId });
    const photos = evidence.filter((e) => e.kind === 'photo');
    expect(photos).toHaveLength(15);
    expect(photos.every((e) => e.mediaType === 'image/jpeg')).toBe(true);
    const documents = evidence.filter((e) => e.kind === 'document');
    expect(documents.map((e) => e.originalName).sort()).toEqual(['declarations-sample-2026.csv', 'warehouse-patrol-log.csv', 'yard-gate-log-extract.csv']);
    const runs = await call<RunSummary[]>(app.dispatch, 'runs:list', { caseId });
    const inspectionDate = runs.find((r) => r.templateId === 'ctpat-container-7pt')!.metadata.inspection_date;
    expect(evidence.map((e) => e.capturedAt)).toContain(`${inspectionDate}T09:22:05.000Z`);
    // The warehouse photos were taken during its morning visit (09:00–13:00 local, 04:00–08:00 UTC).
    for (const photo of photos.filter((e) => e.runId !== runs.find((r) => r.templateId === 'ctpat-container-7pt')!.id)) {
      expect(photo.capturedAt.slice(11, 16) >= '04:00' && photo.capturedAt.slice(11, 16) < '08:00', photo.capturedAt).toBe(true);
    }
    const integrity = await call<{ ok: boolean; checked: number }>(app.dispatch, 'evidence:verify', { caseId });
    expect(integrity).toMatchObject({ ok: true, checked: 18 });
  });

  it('reads as a case a reviewer accepts: interviews held before the report, photos on the inspection date, risks stated as risks', async () => {
    const { risks } = await expectReviewableFacts(app, caseId);
    expect(risks.map((r) => r.title)).toContain('Unauthorised access to containers in the yard through the unguarded rear gate');
  });

  it('sets the issuing authority and the official record, so the printed cover names the authority', async () => {
    const { cover, all } = await printedText(dataDir, caseId, 'en');
    expect(cover).toContain('Department of State Revenue for the City of Almaty');
    expect(cover).toContain('For official use only');
    expect(cover).toMatch(/Registration number:? KZ-AEO\/\d{4}\/0001/);
    expect(cover).not.toMatch(/authority not set/i);
    expect(all).toContain('Customs Code of the Eurasian Economic Union');
    expect(all).toContain('The operator accepts the finding on unrecorded container repairs');
    expect(all).toContain('Nurlan Zhaksybekov');
    expect(all).not.toContain('not recorded as held');
  }, 60_000);

  it('--lang ru writes the case in Russian, with the same facts', async () => {
    const { detail, risks } = await expectReviewableFacts(ruApp, ruCaseId);
    expect(detail.operator.legalName).toBe('ТОО «Степь Логистик»');
    for (const risk of risks) expect(risk.title).toMatch(/^[\u0400-\u04FF][\u0400-\u04FF\s,«»-]+$/u);
    expect(risks.map((r) => r.title)).toContain('Несанкционированный доступ к контейнерам на площадке через неохраняемые задние ворота');
    // The Russian printout names the authority in Russian, and the record is the Russian validator's.
    const { cover, all } = await printedText(ruDir, ruCaseId, 'ru');
    expect(cover).toContain('Департамент государственных доходов по городу Алматы');
    expect(cover).toContain('Для служебного пользования');
    expect(cover).not.toContain('Таможенный орган не указан');
    expect(all).toContain('Оператор согласен с выводом о неучтённом ремонте контейнеров');
    expect(all).toContain('Жаксыбеков Нурлан Серикович');
    expect(all).not.toContain('проведение не зафиксировано');
  }, 60_000);

  describe.each([
    ['en', () => ({ test: app, id: caseId })],
    ['ru', () => ({ test: ruApp, id: ruCaseId })],
  ] as const)('the complete case (%s)', (lang, demo) => {
    it('has nothing the pre-seal check would block: every criterion concluded, runs finished, a reasoned recommendation', async () => {
      const { test, id } = demo();
      expect(await call<OpenItem[]>(test.dispatch, 'reports:preSealCheck', { caseId: id })).toEqual([]);
      expect(openItems(await call<ReportModel>(test.dispatch, 'reports:model', { caseId: id }))).toEqual([]);
      const assessment = await call<Assessment>(test.dispatch, 'assessment:get', { caseId: id });
      expect(assessment.recommendation).toBe('grant_with_conditions');
      expect(assessment.reasoning.length).toBeGreaterThan(200);
      for (const c of assessment.criteria) {
        expect(c.conclusion, c.criterion).not.toBeNull();
        expect(c.text.length, c.criterion).toBeGreaterThan(60);
        const cited = Object.values(c.citations ?? {}).flat();
        expect(cited.length, `${c.criterion} cites something`).toBeGreaterThan(0);
      }
      // The gate risk (a condition of the authorization) leaves premises security met only with improvements.
      const risks = await call<Risk[]>(test.dispatch, 'risks:list', { caseId: id });
      const gate = risks.find((r) => r.answerLinks.some((a) => a.itemId === 'gates-locked'))!;
      expect(gate.response).toBe('condition');
      const premises = assessment.criteria.find((c) => c.criterion === 'I')!;
      expect(premises.conclusion).toBe('met_with_improvements');
      expect(premises.citations?.riskIds).toContain(gate.id);
      const runs = await call<RunSummary[]>(test.dispatch, 'runs:list', { caseId: id });
      expect(runs.every((r) => r.finished !== null)).toBe(true);
      const detail = await call<CaseDetail>(test.dispatch, 'cases:get', { id });
      expect(detail.steps.map((s) => s.status)).toEqual(Array(9).fill('done'));
    });

    it('records the application, the business systems, the minutes of every interview and the account manager, all before today', async () => {
      const { test, id } = demo();
      const today = new Date().toISOString().slice(0, 10);
      const detail = await call<CaseDetail>(test.dispatch, 'cases:get', { id });
      const application = await call<Application>(test.dispatch, 'application:get', { caseId: id });
      expect(application.reference).not.toBe('');
      expect(application.receivedOn! < detail.openedOn).toBe(true);
      expect(application.documents.map((d) => d.kind)).toContain('saq');
      expect(application.documents.every((d) => d.receivedOn < detail.openedOn)).toBe(true);
      expect((await call<SystemReview[]>(test.dispatch, 'systems:list', { caseId: id })).length).toBeGreaterThanOrEqual(3);
      const plan = await call<Plan>(test.dispatch, 'plan:get', { caseId: id });
      const minutes = await call<InterviewMinutes[]>(test.dispatch, 'interviews:minutes', { caseId: id });
      expect(minutes.map((m) => m.interviewId).sort()).toEqual(plan.interviews.map((i) => i.id).sort());
      for (const m of minutes) expect(m.answers.length).toBeGreaterThan(100);
      const manager = await call<AccountManagerState>(test.dispatch, 'accountManager:get', { operatorId: detail.operator.id });
      expect(manager.manager?.name).toBe(lang === 'en' ? 'Saule Kim' : 'Сауле Ким');
      expect(manager.manager!.assignedOn < today).toBe(true);
      expect(manager.activities.every((a) => a.date < today)).toBe(true);
    });

    it('dates every time it records on the plan: sign-offs and photos in the hours of their visit, interviews and the closing meeting before the report', async () => {
      const { test, id } = demo();
      const plan = await call<Plan>(test.dispatch, 'plan:get', { caseId: id });
      const official = await call<OfficialRecord>(test.dispatch, 'official:get', { caseId: id });
      const model = await call<ReportModel>(test.dispatch, 'reports:model', { caseId: id });
      const reportDay = almaty(model.composedAt).day;
      // Each site's visit, with the day and hours it was recorded as held (the report prints these).
      const visitOf = (siteId: string | null) => {
        const planned = plan.visits.find((v) => v.siteId === siteId)!;
        const held = official.visits.find((v) => v.visitId === planned.id)!;
        expect(held.heldOn, planned.id).toBe(planned.date);
        return { day: planned.date, from: held.startTime!, to: held.endTime! };
      };
      const duringVisit = (at: string, siteId: string | null, what: string) => {
        const visit = visitOf(siteId);
        const local = almaty(at);
        expect(local.day, `${what} at ${at}`).toBe(visit.day);
        expect(local.time >= visit.from && local.time <= visit.to, `${what} at ${local.time}, visit ${visit.from}–${visit.to}`).toBe(true);
      };
      const runs = await call<RunSummary[]>(test.dispatch, 'runs:list', { caseId: id });
      expect(runs).toHaveLength(2);
      for (const run of runs) duringVisit(run.finished!.at, run.siteId, `the sign-off of ${run.label}`);
      const inspection = runs.find((r) => r.templateId === 'ctpat-container-7pt')!;
      expect(inspection.metadata.inspection_date).toBe(visitOf(inspection.siteId).day);
      const evidence = await call<Evidence[]>(test.dispatch, 'evidence:list', { caseId: id });
      for (const photo of evidence.filter((e) => e.kind === 'photo')) {
        duringVisit(photo.capturedAt, runs.find((r) => r.id === photo.runId)!.siteId, `the photo "${photo.caption}"`);
      }
      const visitDays = new Set(plan.visits.map((v) => v.date));
      for (const document of evidence.filter((e) => e.kind === 'document')) expect(visitDays.has(almaty(document.capturedAt).day), document.caption).toBe(true);
      // Interviews lie within the plan's dates, the closing meeting after the last visit; all before the report.
      for (const interview of plan.interviews) {
        expect(interview.date! >= plan.startsOn! && interview.date! <= plan.endsOn!, `${interview.person} ${interview.date}`).toBe(true);
        expect(interview.date! < reportDay).toBe(true);
      }
      const closing = official.closingMeeting.date!;
      expect(closing > [...visitDays].sort().at(-1)!).toBe(true);
      expect(closing < reportDay).toBe(true);
    });

    it('aeo report prints a final report and control plan: no draft watermark, no blocking issues, yes/no answers in words', () => {
      const { test, id } = demo();
      const { report, controlPlan } = runReport(test.dataDir, id, lang);
      for (const text of [report, controlPlan]) {
        expect(text).not.toMatch(/DRAFT|ПРОЕКТ/);
        expect(text).not.toMatch(/Blocking issues|Препятствия к окончательному оформлению/);
      }
      if (lang === 'en') {
        expect(report).toContain('Grant AEO status with conditions');
        expect(report).toContain('Does the seal meet ISO 17712? (CTPAT seven-point container inspection): yes');
        expect(report).toContain('Minutes of 2 interviews');
      } else {
        expect(report).toContain('Присвоить статус УЭО с условиями');
        expect(report).toMatch(/ISO 17712\?[^:]*: да/);
      }
      expect(report).not.toMatch(/: (true|false)\b/);
    }, 120_000);
  });

  it('--in-progress stops after the site visits: checklists open for sign-off, the pre-seal check lists what is left', async () => {
    const dir = tempDir('aeo-demo-open-');
    try {
      const id = runDemo(dir, '--in-progress');
      const open = openTestApp(dir);
      try {
        const runs = await call<RunSummary[]>(open.dispatch, 'runs:list', { caseId: id });
        expect(runs.every((r) => r.finished === null)).toBe(true);
        const physical = runs.find((r) => r.templateId === 'physical-security')!;
        expect(physical.progress.answered).toBeLessThan(physical.progress.total);
        const items = await call<OpenItem[]>(open.dispatch, 'reports:preSealCheck', { caseId: id });
        expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(['criterion_unassessed', 'recommendation_missing', 'run_unfinished']));
      } finally {
        open.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a language it does not write', () => {
    expect(() => runDemo(tempDir('aeo-demo-de-'), '--lang', 'de')).toThrow(/--lang is en or ru/);
  });

  it('left an intact audit chain behind everything it did', async () => {
    const chain = await call<AuditVerification>(app.dispatch, 'audit:verify', {});
    expect(chain.ok).toBe(true);
    expect(chain.rows).toBeGreaterThan(30);
  });
});

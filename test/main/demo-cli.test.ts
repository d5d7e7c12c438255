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
import { call, openTestApp, tempDir, type TestApp } from '../support/temp-store';

/** `aeo demo` run as a user runs it: the real CLI entry in a child process, then its data opened by the app's store. */
const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
let caseId: string;
let app: TestApp;

const runDemo = (dir: string, ...extra: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'src-main/cli/aeo.ts'), 'demo', '--data', dir, ...extra], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();

beforeAll(() => {
  dataDir = tempDir('aeo-demo-');
  caseId = runDemo(dataDir);
  app = openTestApp(dataDir);
}, 120_000);
afterAll(() => {
  app.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

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

  it('answers both checklists in full and signs them off, the inspection with one non-compliant point', async () => {
    const runs = await call<RunSummary[]>(app.dispatch, 'runs:list', { caseId });
    const inspection = runs.find((r) => r.templateId === 'ctpat-container-7pt')!;
    const physical = runs.find((r) => r.templateId === 'physical-security')!;
    expect(inspection.progress.answered).toBe(inspection.progress.total);
    expect(inspection.progress.nonCompliant).toBe(1);
    expect(physical.progress.answered).toBe(physical.progress.total);
    // demo-complete.ts carries the case through step 9: both runs are signed off by the lead.
    expect(inspection.finished).not.toBeNull();
    expect(physical.finished).not.toBeNull();
  });

  it('attached photos generated with their EXIF capture times (local time +05:00) and the documents examined', async () => {
    const evidence = await call<Evidence[]>(app.dispatch, 'evidence:list', { caseId });
    const photos = evidence.filter((e) => e.kind === 'photo');
    // Eight on the inspection and the gate (demo-command.ts), seven more of the warehouse (demo-complete.ts).
    expect(photos).toHaveLength(15);
    expect(photos.every((e) => e.mediaType === 'image/jpeg')).toBe(true);
    expect(evidence.filter((e) => e.kind === 'document').length).toBeGreaterThan(0);
    const runs = await call<RunSummary[]>(app.dispatch, 'runs:list', { caseId });
    const inspectionDate = runs.find((r) => r.templateId === 'ctpat-container-7pt')!.metadata.inspection_date;
    expect(photos.map((e) => e.capturedAt)).toContain(`${inspectionDate}T09:22:05.000Z`);
    const integrity = await call<{ ok: boolean; checked: number }>(app.dispatch, 'evidence:verify', { caseId });
    expect(integrity).toMatchObject({ ok: true, checked: evidence.length });
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
    const dir = tempDir('aeo-demo-ru-');
    try {
      const id = runDemo(dir, '--lang', 'ru');
      const reopened = openTestApp(dir);
      try {
        const { detail, risks } = await expectReviewableFacts(reopened, id);
        expect(detail.operator.legalName).toBe('ТОО «Степь Логистик»');
        for (const risk of risks) expect(risk.title).toMatch(/^[\u0400-\u04FF][\u0400-\u04FF\s,«»-]+$/u);
        expect(risks.map((r) => r.title)).toContain('Несанкционированный доступ к контейнерам на площадке через неохраняемые задние ворота');
        // The Russian printout names the authority in Russian, and the record is the Russian validator's.
        const { cover, all } = await printedText(dir, id, 'ru');
        expect(cover).toContain('Департамент государственных доходов по городу Алматы');
        expect(cover).toContain('Для служебного пользования');
        expect(cover).not.toContain('Таможенный орган не указан');
        expect(all).toContain('Оператор согласен с выводом о неучтённом ремонте контейнеров');
        expect(all).toContain('Жаксыбеков Нурлан Серикович');
        expect(all).not.toContain('проведение не зафиксировано');
      } finally {
        reopened.dispose();
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

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src-main/contract/plan';
import type { PdfResult, ReportModel } from '../../src-main/contract/reports';
import { buildReportFixture, type ReportFixture } from '../support/report-fixture';
import { fileSource } from '../support/local-files';
import { call, openTestApp, tempDir, type TestApp } from '../support/temp-store';

/*
 * Issue 13's annexes of the validation report: the filled checklists (every item, answered or not, with its note
 * and evidence reference), the CTPAT inspection records (container, seal, inspector, date and time, areas
 * inspected), the documents examined and the interview minutes, in the model and in both languages' PDFs.
 */

let app: TestApp;
let fx: ReportFixture;
const texts: Partial<Record<'en' | 'ru', string>> = {};

beforeAll(async () => {
  app = openTestApp();
  fx = await buildReportFixture(app, { photos: 1 });
  // The inspection's remaining details, a document examined and the minutes of the planned interview.
  await call(app.dispatch, 'runs:update', {
    id: fx.runId,
    metadata: {
      container_number: 'MSKU 123456-5',
      container_type: 'dry',
      inspection_date: '2026-11-10',
      inspection_time: '09:30',
      inspector: 'Ержан Касымов',
      areas_inspected: 'Doors, floor, roof, front wall',
    },
  });
  const dir = tempDir('aeo-doc-');
  const file = path.join(dir, 'security-policy.txt');
  writeFileSync(file, 'Security policy of Steppe Logistics LLP, rev. 4\n');
  const doc = await call<{ id: string }>(app.dispatch, 'evidence:attach', { caseId: fx.caseId, source: fileSource(file), caption: 'Security policy, rev. 4' });
  await call(app.dispatch, 'evidence:update', { id: doc.id, effectiveDate: '2026-06-01' });
  const interview = (await call<Plan>(app.dispatch, 'plan:get', { caseId: fx.caseId })).interviews[0]!;
  await call(app.dispatch, 'interviews:saveMinutes', {
    caseId: fx.caseId,
    interviewId: interview.id,
    present: ['Айгерим Садыкова', 'Dana Validator'],
    topics: 'Seal control and the seal register',
    answers: 'Seals are issued from a locked cabinet; the register is kept by the shift supervisor.',
    followUps: 'Send the seal register for October.',
  });
  for (const lang of ['en', 'ru'] as const) {
    const pdf = await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId: fx.caseId, document: 'validation-report', lang });
    texts[lang] = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  }
}, 180_000);
afterAll(() => app.dispose());

describe('the record annexes', () => {
  it('the model carries every item of every run, answered or not, with notes and evidence references', async () => {
    const model = await call<ReportModel>(app.dispatch, 'reports:model', { caseId: fx.caseId });
    const run = model.checklists!.find((r) => r.runId === fx.runId)!;
    const items = run.sections.flatMap((s) => s.items);
    expect(items.length).toBeGreaterThan(7);
    expect(items.find((i) => i.itemId === fx.nonCompliantItem)).toMatchObject({ value: 'non_compliant', evidenceRefs: ['E1'] });
    expect(items.find((i) => i.itemId === 'seal-number')).toMatchObject({ value: 'KZ-0048812' });
    expect(items.some((i) => i.value === null)).toBe(true);
    expect(items.some((i) => i.value === 'compliant')).toBe(true);
    expect(run.metadata.map((m) => m.id)).toEqual(expect.arrayContaining(['container_number', 'inspection_date', 'inspection_time', 'inspector']));
  });

  const phrases = {
    en: [
      'Annex: filled checklists',
      'Container number MSKU 123456-5',
      'not answered',
      'Annex: CTPAT inspection records',
      'MSKU 123456-5 KZ-0048812',
      'Ержан Касымов',
      '2026-11-10 09:30',
      'Doors, floor, roof, front wall',
      'Annex: documents examined',
      'Security policy, rev. 4',
      'Annex: interview minutes',
      'Seals are issued from a locked cabinet',
      'Send the seal register for October.',
    ],
    ru: [
      'Приложение. Заполненные контрольные перечни',
      'нет ответа',
      'Приложение. Записи досмотров CTPAT',
      'KZ-0048812',
      'Приложение. Изученные документы',
      'Security policy, rev. 4',
      'Приложение. Протоколы интервью',
      'Присутствовали',
    ],
  };
  it.each(['en', 'ru'] as const)('prints each annex (%s)', (lang) => {
    for (const phrase of phrases[lang]) expect(texts[lang]).toContain(phrase);
  });
});

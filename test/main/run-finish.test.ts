import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChecklistTemplate } from '../../src-main/contract/checklist-template';
import { missingForFinish, type MissingItem } from '../../src-main/contract/run-completion';
import type { PdfResult } from '../../src-main/contract/reports';
import type { Answer, RunDetail, RunSummary } from '../../src-main/contract/runs';
import { blobPath } from '../../src-main/core/blob-store';
import { sampleTemplate } from '../support/checklist-fixtures';
import { fileSource } from '../support/local-files';
import { grayPng } from '../support/png';
import { call, openAppWithCase, type TestApp } from '../support/temp-store';

/*
 * Finishing a checklist run (issue 10, completion gates): what is missing, the sign-off (who, when by the injected
 * clock, an optional drawn signature stored in the blob store), read-only once finished, reopen with a reason.
 */

const CLOCK = new Date('2026-11-20T09:30:00.000Z');
let app: TestApp;
let caseId: string;
let photo: string;

beforeEach(async () => {
  ({ app, caseId } = await openAppWithCase({ clock: () => CLOCK }));
  photo = path.join(app.dataDir, 'point.png');
  writeFileSync(photo, grayPng(24, 16, 90));
});
afterEach(() => app.dispose());

const count = (table: string) => app.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const createInspection = (metadata: Record<string, string> = {}) =>
  call<RunSummary>(app.dispatch, 'runs:create', { caseId, siteId: null, templateId: 'ctpat-container-7pt', metadata });
const answer = (runId: string, itemId: string, fields: Record<string, unknown>) =>
  app.dispatch('runs:answer', { runId, itemId, ...fields });
const attach = (runId: string, itemId: string) =>
  call(app.dispatch, 'evidence:attach', { caseId, runId, itemId, source: fileSource(photo) });
const missingOf = (id: string) => call<MissingItem[]>(app.dispatch, 'runs:finishCheck', { id });
const codes = (missing: MissingItem[]) => missing.map((m) => `${m.code}:${m.itemId ?? m.fieldId}`);

const FULL_RECORD = {
  container_number: 'MSKU1234565',
  container_type: 'dry',
  inspection_date: '2026-11-20',
  inspection_time: '09:10',
  inspector: 'Arman T.',
  areas_inspected: 'Seven points, seal',
};

/** Answers every required item of the seven-point inspection compliant, with a photo where one is required. */
async function completeInspection(runId: string) {
  const detail = await call<RunDetail>(app.dispatch, 'runs:get', { id: runId });
  for (const item of detail.template.sections.flatMap((s) => s.items)) {
    if (item.optional) continue;
    const value = item.answerType === 'text' ? 'KZ 0078812' : item.answerType === 'yes_no' ? true : 'compliant';
    expect((await answer(runId, item.id, { value })).ok).toBe(true);
    if (item.evidenceRequired) await attach(runId, item.id);
  }
}

describe('what keeps a run from being finished (pure rules)', () => {
  const template = ChecklistTemplate.parse({
    ...sampleTemplate(),
    sections: [
      {
        id: 's',
        title: { en: 'S', ru: 'С' },
        items: [
          { id: 'a', prompt: { en: 'A', ru: 'А' }, answerType: 'compliance', onDeviation: { note: true } },
          { id: 'b', prompt: { en: 'B', ru: 'Б' }, answerType: 'compliance', onDeviation: { evidence: true } },
          { id: 'c', prompt: { en: 'C', ru: 'В' }, answerType: 'compliance' },
          { id: 'd', prompt: { en: 'D', ru: 'Г' }, answerType: 'text', optional: true },
        ],
      },
    ],
  });
  const record = (values: Record<string, string>, notes: Record<string, string> = {}, evidence: Record<string, number> = {}) => ({
    valueOf: (id: string) => values[id] ?? null,
    noteOf: (id: string) => notes[id] ?? '',
    evidenceOf: (id: string) => evidence[id] ?? 0,
    metadata: { container_number: 'MSKU1234565' },
  });

  it('lists unanswered required items and required run details, never an unstarted optional item', () => {
    const missing = missingForFinish(template, { ...record({}), metadata: {} });
    expect(codes(missing)).toEqual(['detail_missing:container_number', 'item_unanswered:a', 'item_unanswered:b', 'item_unanswered:c']);
  });

  it('a deviation needs what the item asks for: a note for "a", evidence for "b", nothing more for "c"', () => {
    const deviating = record({ a: 'non_compliant', b: 'partially_compliant', c: 'non_compliant' });
    expect(codes(missingForFinish(template, deviating))).toEqual(['note_missing:a', 'evidence_missing:b']);
    const answeredWell = record({ a: 'non_compliant', b: 'non_compliant', c: 'non_compliant' }, { a: 'Welding on the floor' }, { b: 1 });
    expect(missingForFinish(template, answeredWell)).toEqual([]);
    expect(missingForFinish(template, record({ a: 'compliant', b: 'not_applicable', c: 'compliant' }))).toEqual([]);
    // A note of blanks is no note.
    expect(codes(missingForFinish(template, record({ a: 'non_compliant', b: 'compliant', c: 'compliant' }, { a: '  \n ' })))).toEqual([
      'note_missing:a',
    ]);
  });

  it('templates written before the field stay valid, and their deviations need nothing more', () => {
    const old = ChecklistTemplate.parse(sampleTemplate());
    expect(old.sections[0]!.items[0]).not.toHaveProperty('onDeviation');
  });
});

describe('runs:finish', () => {
  it('refuses while anything is missing, naming each thing by code, and changes nothing', async () => {
    const run = await createInspection({ container_number: 'MSKU1234565' });
    await answer(run.id, 'front-wall', { value: 'non_compliant' });
    const missing = await missingOf(run.id);
    expect(codes(missing).slice(0, 7)).toEqual([
      'detail_missing:container_type',
      'detail_missing:inspection_date',
      'detail_missing:inspection_time',
      'detail_missing:inspector',
      'detail_missing:areas_inspected',
      'note_missing:front-wall',
      'evidence_missing:front-wall',
    ]);
    expect(codes(missing)).toContain('item_unanswered:left-side');
    const audits = count('audit_log');
    const refused = await app.dispatch('runs:finish', { id: run.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const issues = refused.ok ? [] : (refused.error.issues ?? []);
    expect(issues[0]).toMatchObject({ code: 'run_incomplete', params: { missing: missing.length } });
    expect(issues.slice(1).map((i) => i.code)).toEqual(missing.map((m) => m.code));
    expect(count('audit_log')).toBe(audits);
    expect((await call<RunSummary[]>(app.dispatch, 'runs:list', { caseId }))[0]!.finished).toBeNull();
  });

  it('signs off as the current user at the injected clock, stores the drawn signature as a PNG blob, and audits it', async () => {
    const run = await createInspection(FULL_RECORD);
    await completeInspection(run.id);
    // A deviation with its note and photo is fine.
    await answer(run.id, 'doors', { value: 'non_compliant', note: 'Locking bar loose' });
    expect(await missingOf(run.id)).toEqual([]);
    const png = grayPng(300, 120, 20);
    const finished = await call<RunSummary>(app.dispatch, 'runs:finish', { id: run.id, signaturePng: png.toString('base64') });
    const sha256 = createHash('sha256').update(png).digest('hex');
    expect(finished.finished).toMatchObject({ at: CLOCK.toISOString(), byName: 'Dana Validator', signatureSha256: sha256 });
    const stored = blobPath(path.join(app.dataDir, 'blobs'), sha256);
    expect(existsSync(stored)).toBe(true);
    expect(readFileSync(stored).equals(png)).toBe(true);
    expect(app.store.sqlite.prepare('SELECT media_type FROM blobs WHERE sha256 = ?').pluck().get(sha256)).toBe('image/png');
    const audit = app.store.sqlite
      .prepare("SELECT actor_name, after FROM audit_log WHERE entity_id = ? AND field = 'finished'")
      .get(run.id) as { actor_name: string; after: string };
    expect(audit.actor_name).toBe('Dana Validator');
    expect(JSON.parse(audit.after)).toMatchObject({ at: CLOCK.toISOString(), signatureSha256: sha256 });
    // The report model carries the sign-off.
    const model = await call<{ plan: { runs: Record<string, unknown>[] } }>(app.dispatch, 'reports:model', { caseId });
    expect(model.plan.runs[0]).toMatchObject({ finishedAt: CLOCK.toISOString(), finishedByName: 'Dana Validator', signatureSha256: sha256 });
  });

  it('finishes without a signature too, and refuses bytes that are not a PNG (nothing written)', async () => {
    const run = await createInspection(FULL_RECORD);
    await completeInspection(run.id);
    const audits = count('audit_log');
    const notPng = await app.dispatch('runs:finish', { id: run.id, signaturePng: Buffer.from('GIF89a not a png at all, really').toString('base64') });
    expect(notPng).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ code: 'signature_invalid' }] } });
    expect(count('audit_log')).toBe(audits);
    const finished = await call<RunSummary>(app.dispatch, 'runs:finish', { id: run.id });
    expect(finished.finished).toMatchObject({ byName: 'Dana Validator', signatureSha256: null });
    expect(await app.dispatch('runs:finish', { id: run.id })).toMatchObject({ ok: false, error: { code: 'immutable', issues: [{ code: 'run_finished' }] } });
  });

  it('a finished run is read-only: answers, notes, details and evidence are refused until it is reopened with a reason', async () => {
    const run = await createInspection(FULL_RECORD);
    await completeInspection(run.id);
    await call(app.dispatch, 'runs:finish', { id: run.id });
    const answers = count('answers');
    const evidence = count('evidence');
    const audits = count('audit_log');
    const finishedIssue = { ok: false, error: { code: 'immutable', issues: [{ code: 'run_finished', params: { by: 'Dana Validator' } }] } };
    expect(await answer(run.id, 'floor', { value: 'non_compliant' })).toMatchObject(finishedIssue);
    expect(await answer(run.id, 'fan-housing', { note: 'late note' })).toMatchObject(finishedIssue);
    expect(await app.dispatch('runs:update', { id: run.id, metadata: { inspector: 'Someone else' } })).toMatchObject(finishedIssue);
    expect(await app.dispatch('evidence:attach', { caseId, runId: run.id, itemId: 'floor', source: fileSource(photo) })).toMatchObject(
      finishedIssue,
    );
    const listed = await call<{ id: string }[]>(app.dispatch, 'evidence:list', { caseId, runId: run.id });
    expect(await app.dispatch('evidence:remove', { id: listed[0]!.id })).toMatchObject(finishedIssue);
    expect([count('answers'), count('evidence'), count('audit_log')]).toEqual([answers, evidence, audits]);

    expect(await app.dispatch('runs:reopen', { id: run.id, reason: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const reopened = await call<RunSummary>(app.dispatch, 'runs:reopen', { id: run.id, reason: 'Floor photo was of the wrong container' });
    expect(reopened.finished).toBeNull();
    const audit = app.store.sqlite
      .prepare("SELECT before, after FROM audit_log WHERE entity_id = ? AND field = 'finished' ORDER BY seq DESC")
      .get(run.id) as { before: string; after: string };
    expect(JSON.parse(audit.after)).toEqual({ reopenedAt: CLOCK.toISOString(), reason: 'Floor photo was of the wrong container' });
    expect(JSON.parse(audit.before)).toMatchObject({ byName: 'Dana Validator' });
    const saved = await answer(run.id, 'floor', { value: 'non_compliant' });
    expect(saved.ok).toBe(true);
    expect((saved as { value: Answer }).value.value).toBe('non_compliant');
    expect(await app.dispatch('runs:reopen', { id: run.id, reason: 'again' })).toMatchObject({ ok: false, error: { issues: [{ code: 'run_not_finished' }] } });
  });
});

describe('the validation report prints the gates', () => {
  it('prints each sign-off with its drawn signature and the reason of a skipped step, in English and Russian', async () => {
    const run = await createInspection(FULL_RECORD);
    await completeInspection(run.id);
    await call(app.dispatch, 'runs:finish', { id: run.id, signaturePng: grayPng(300, 120, 20).toString('base64') });
    await call(app.dispatch, 'cases:setStep', { id: caseId, step: 'business_systems', status: 'skipped', reason: 'No customs IT system of its own' });
    const texts: string[] = [];
    for (const lang of ['en', 'ru'] as const) {
      const pdf = await call<PdfResult>(app.dispatch, 'reports:pdf', { caseId, document: 'validation-report', lang });
      texts.push(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '));
      // The signature is embedded as drawn: a 300×120 image.
      const images = execFileSync('pdfimages', ['-list', pdf.path], { encoding: 'utf8' });
      expect(images).toMatch(/\b300\s+120\s+gray\b/);
    }
    const [en, ru] = texts as [string, string];
    expect(en).toContain('Reason: No customs IT system of its own');
    expect(en).toContain('Sign-off of the checklists');
    expect(en).toContain('Dana Validator, 2026-11-20 09:30 UTC');
    expect(ru).toContain('Причина: No customs IT system of its own');
    expect(ru).toContain('Подписание контрольных листов');
  }, 60_000);
});

import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src-main/contract/cases';
import { complianceScale } from '../../src-main/contract/checklist-template';
import type { Answer, RunDetail, RunSummary } from '../../src-main/contract/runs';
import type { TemplateSummary } from '../../src-main/contract/templates';
import { newId, nowUtc } from '../../src-main/core/ids';
import { sampleTemplate, type TemplateJson } from '../support/checklist-fixtures';
import { call, openAppWithSite, openTestApp, sampleCase, sampleOperator, type TestApp } from '../support/temp-store';

let app: TestApp;
let caseId: string;
let siteId: string;
beforeEach(async () => {
  ({ app, caseId, siteId } = await openAppWithSite());
  await importTemplate(sampleTemplate(1));
});
afterEach(() => app.dispose());

const count = (table: string) => app.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const importTemplate = (t: TemplateJson) =>
  call<TemplateSummary>(app.dispatch, 'templates:import', { content: JSON.stringify(t) });
const createRun = (fields: Record<string, unknown> = {}) =>
  call<RunSummary>(app.dispatch, 'runs:create', { caseId, siteId, templateId: 'yard-check', ...fields });
const answer = (runId: string, itemId: string, fields: Record<string, unknown>) =>
  call<Answer>(app.dispatch, 'runs:answer', { runId, itemId, ...fields });
const getRun = (id: string) => call<RunDetail>(app.dispatch, 'runs:get', { id });
const itemIds = (detail: RunDetail) => detail.template.sections.flatMap((s) => s.items.map((i) => i.id));

/** Evidence rows inserted directly (the evidence domain is built separately): one per call. */
function addEvidence(runId: string, itemId: string) {
  const sha256 = newId().replace(/-/g, '').padEnd(64, '0').slice(0, 64);
  const now = nowUtc();
  app.store.sqlite
    .prepare('INSERT INTO blobs (sha256, size, media_type, stored_at) VALUES (?, 1, ?, ?)')
    .run(sha256, 'image/jpeg', now);
  const user = app.store.sqlite.prepare('SELECT id, name FROM users LIMIT 1').get() as { id: string; name: string };
  app.store.sqlite
    .prepare(
      `INSERT INTO evidence (id, case_id, run_id, item_id, sha256, kind, original_name, size, media_type, captured_at,
        caption, attached_by, attached_by_name, attached_at) VALUES (?, ?, ?, ?, ?, 'photo', 'p.jpg', 1, 'image/jpeg', ?, '', ?, ?, ?)`,
    )
    .run(newId(), caseId, runId, itemId, sha256, now, user.id, user.name, now);
}

describe('creating runs', () => {
  it('pins the latest template version, with metadata, and starts with nothing answered', async () => {
    const run = await createRun({ label: 'Container MSKU 123', metadata: { container_number: 'MSKU1234565' } });
    expect(run).toMatchObject({
      caseId,
      siteId,
      templateId: 'yard-check',
      templateVersion: 1,
      title: { en: 'Yard check', ru: 'Проверка площадки' },
      label: 'Container MSKU 123',
      metadata: { container_number: 'MSKU1234565' },
      // six required items; the optional reefer item counts only once answered
      progress: { answered: 0, total: 6, nonCompliant: 0, evidenceMissing: 1 },
    });
    const audit = app.store.sqlite.prepare('SELECT * FROM audit_log WHERE entity_id = ?').get(run.id) as {
      action: string;
      after: string;
    };
    expect(audit.action).toBe('create');
    expect(JSON.parse(audit.after)).toMatchObject({ templateId: 'yard-check', templateVersion: 1, caseId, siteId });
  });

  it('several runs of one template at one site are kept apart (five containers, five runs)', async () => {
    const runs = [];
    for (let n = 1; n <= 5; n += 1) runs.push(await createRun({ label: `Container ${n}` }));
    await answer(runs[2]!.id, 'fence-intact', { value: 'compliant' });
    const list = await call<RunSummary[]>(app.dispatch, 'runs:list', { caseId });
    expect(list.map((r) => r.label)).toEqual(['Container 1', 'Container 2', 'Container 3', 'Container 4', 'Container 5']);
    expect(list.map((r) => r.progress.answered)).toEqual([0, 0, 1, 0, 0]);
  });

  it('refuses metadata keys the template does not define, and badly formed dates and times', async () => {
    const result = await app.dispatch('runs:create', {
      caseId,
      templateId: 'yard-check',
      metadata: { container_number: 'X', colour: 'red', inspection_date: '10/11/2026', inspection_time: '9am' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) {
      expect(result.error.issues?.map((i) => i.path)).toEqual([
        'metadata.colour',
        'metadata.inspection_date',
        'metadata.inspection_time',
      ]);
    }
    expect(count('checklist_runs')).toBe(0);
  });

  it('refuses an unknown case, a site of another case, and an unknown template or version', async () => {
    const other = await call<CaseDetail>(
      app.dispatch,
      'cases:create',
      sampleCase({ caseNumber: 'AEO-2026-0002', newOperator: { ...sampleOperator, identificationNumber: 'KZ-2' } }),
    );
    const missing = '01900000-0000-7000-8000-000000000000';
    const attempts: [Record<string, unknown>, string][] = [
      [{ caseId: missing }, 'not_found'],
      [{ caseId: other.id }, 'not_found'], // the site belongs to the first case
      [{ templateId: 'nope' }, 'not_found'],
      [{ version: 7 }, 'not_found'],
    ];
    for (const [fields, code] of attempts) {
      expect(await app.dispatch('runs:create', { caseId, siteId, templateId: 'yard-check', ...fields })).toMatchObject({
        ok: false,
        error: { code },
      });
    }
    expect(count('checklist_runs')).toBe(0);
    // A case-wide run has no site.
    expect((await createRun({ siteId: null })).siteId).toBeNull();
  });

  it('runs a shipped template', async () => {
    const run = await createRun({ templateId: 'ctpat-container-7pt', metadata: { container_number: 'TGHU 123456-7' } });
    expect(run.progress.total).toBeGreaterThanOrEqual(7);
  });
});

describe('answers', () => {
  it('persist across closing and reopening the store, and the audit rows record who, when, before and after', async () => {
    const run = await createRun();
    const first = await answer(run.id, 'fence-intact', { value: 'compliant', note: 'New mesh' });
    expect(first).toMatchObject({ runId: run.id, itemId: 'fence-intact', value: 'compliant', note: 'New mesh' });
    expect(first.answeredByName).toBe('Dana Validator');
    const second = await answer(run.id, 'fence-intact', { value: 'non_compliant' });
    expect(second).toMatchObject({ id: first.id, value: 'non_compliant', note: 'New mesh' });
    await answer(run.id, 'camera-count', { value: 12 });

    app.store.close();
    const reopened = openTestApp(app.dataDir);
    app = reopened;
    const detail = await getRun(run.id);
    expect(detail.answers.map((a) => [a.itemId, a.value, a.note])).toEqual([
      ['fence-intact', 'non_compliant', 'New mesh'],
      ['camera-count', 12, ''],
    ]);

    const audit = app.store.sqlite
      .prepare('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq')
      .all('answer', first.id) as Record<string, string | null>[];
    expect(audit.map((a) => [a.action, a.field, a.before, a.after])).toEqual([
      ['create', null, null, expect.stringContaining('"value":"compliant"')],
      ['update', 'value', 'compliant', 'non_compliant'],
    ]);
    for (const row of audit) {
      expect(row.actor_name).toBe('Dana Validator');
      expect(row.actor_id).toBe(first.answeredBy);
      expect(row.at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    }
    expect(await call(app.dispatch, 'audit:verify', {})).toMatchObject({ ok: true });
  });

  it('an absent value or note keeps what was stored; null clears the value', async () => {
    const run = await createRun();
    await answer(run.id, 'guard-name', { value: 'Serik' });
    expect(await answer(run.id, 'guard-name', { note: 'ID checked' })).toMatchObject({ value: 'Serik', note: 'ID checked' });
    expect(await answer(run.id, 'guard-name', { value: null })).toMatchObject({ value: null, note: 'ID checked' });
    const audits = count('audit_log');
    await answer(run.id, 'guard-name', { value: null }); // no change: no write
    expect(count('audit_log')).toBe(audits);
    expect(await app.dispatch('runs:answer', { runId: run.id, itemId: 'guard-name' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('two validators answering the same run: the answer records the latest one', async () => {
    const run = await createRun();
    const dana = await answer(run.id, 'gate-guarded', { value: true });
    const arman = await call<{ id: string }>(app.dispatch, 'users:create', { name: 'Arman Team', role: 'validator' });
    await answer(run.id, 'lighting', { value: 'full' });
    const changed = await answer(run.id, 'gate-guarded', { value: false });
    expect(changed).toMatchObject({ id: dana.id, answeredBy: arman.id, answeredByName: 'Arman Team', value: false });
    expect(changed.answeredAt >= dana.answeredAt).toBe(true);
    const detail = await getRun(run.id);
    expect(Object.fromEntries(detail.answers.map((a) => [a.itemId, a.answeredByName]))).toEqual({
      'gate-guarded': 'Arman Team',
      lighting: 'Arman Team',
    });
    const last = app.store.sqlite.prepare('SELECT actor_name, before, after FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    expect(last).toEqual({ actor_name: 'Arman Team', before: 'true', after: 'false' });
  });

  it('a save based on an older revision is refused as stale_write with the current answer, and writes nothing', async () => {
    const run = await createRun();
    const first = await answer(run.id, 'guard-name', { value: 'Serik', baseRevision: 0 });
    expect(first.revision).toBe(1);
    // Two saves edited from revision 1; the newer one arrives first, the older one late.
    const newer = await answer(run.id, 'guard-name', { value: 'Serik Abenov', baseRevision: 1 });
    expect(newer).toMatchObject({ value: 'Serik Abenov', revision: 2 });
    const before = { answers: count('answers'), audit: count('audit_log') };
    const late = await app.dispatch('runs:answer', { runId: run.id, itemId: 'guard-name', value: 'Serik', note: 'x', baseRevision: 1 });
    expect(late).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        issues: [
          { path: 'baseRevision', code: 'stale_write', params: { revision: 2, value: 'Serik Abenov', note: '', answeredByName: 'Dana Validator' } },
        ],
      },
    });
    expect({ answers: count('answers'), audit: count('audit_log') }).toEqual(before);
    expect((await getRun(run.id)).answers).toMatchObject([{ itemId: 'guard-name', value: 'Serik Abenov', note: '', revision: 2 }]);
    // A first answer written by someone else meanwhile: a save that still thinks the item is empty is refused too.
    await answer(run.id, 'lighting', { value: 'full' });
    expect(await app.dispatch('runs:answer', { runId: run.id, itemId: 'lighting', value: 'partial', baseRevision: 0 })).toMatchObject({
      ok: false,
      error: { code: 'conflict', issues: [{ code: 'stale_write', params: { revision: 1, value: 'full' } }] },
    });
    // A note-only save counts as a revision as well.
    expect(await answer(run.id, 'guard-name', { note: 'ID checked', baseRevision: 2 })).toMatchObject({ revision: 3 });
  });

  const mismatches: [string, unknown, string][] = [
    ['fence-intact', 'yes', 'compliance'],
    ['fence-intact', true, 'compliance'],
    ['gate-guarded', 'true', 'yes/no'],
    ['guard-name', 5, 'text'],
    ['camera-count', '5', 'number'],
    ['last-audit', '2026-13-01', 'YYYY-MM-DD'],
    ['last-audit', '01.11.2026', 'YYYY-MM-DD'],
    ['lighting', 'dim', 'choices'],
    ['lighting', 'compliant', 'choices'],
  ];
  it.each(mismatches)('a value of the wrong type (%s = %j) is refused at path value, writing nothing', async (itemId, value, expected) => {
    const run = await createRun();
    const before = { answers: count('answers'), audit: count('audit_log') };
    const result = await app.dispatch('runs:answer', { runId: run.id, itemId, value });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'value' }] } });
    if (!result.ok) expect(result.error.message).toContain(expected);
    expect({ answers: count('answers'), audit: count('audit_log') }).toEqual(before);
    expect((await getRun(run.id)).run.updatedAt).toBe(run.updatedAt);
  });

  it('an item the pinned template does not have is invalid_input at itemId; an unknown run is not_found', async () => {
    const run = await createRun();
    expect(await app.dispatch('runs:answer', { runId: run.id, itemId: 'no-such-item', value: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'itemId' }] },
    });
    expect(
      await app.dispatch('runs:answer', { runId: '01900000-0000-7000-8000-000000000000', itemId: 'guard-name', value: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(count('answers')).toBe(0);
  });

  it('a property: any JSON value is either saved as valid for the item type, or refused as invalid_input with no write', async () => {
    const run = await createRun();
    const detail = await getRun(run.id);
    const items = detail.template.sections.flatMap((s) => s.items);
    const validFor = (item: (typeof items)[number], value: unknown): boolean => {
      if (value === null) return true;
      switch (item.answerType) {
        case 'compliance':
          return (complianceScale as readonly unknown[]).includes(value);
        case 'yes_no':
          return typeof value === 'boolean';
        case 'text':
          return typeof value === 'string';
        case 'number':
          return typeof value === 'number' && Number.isFinite(value);
        case 'date':
          return typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value) && !Number.isNaN(Date.parse(value)) &&
            new Date(value).toISOString().startsWith(value);
        case 'choice':
          return (item.choices ?? []).some((c) => c.value === value);
      }
    };
    const stored = (itemId: string) =>
      app.store.sqlite.prepare('SELECT * FROM answers WHERE run_id = ? AND item_id = ?').get(run.id, itemId);
    const interesting = fc.constantFrom<unknown>(
      ...complianceScale,
      true,
      false,
      0,
      -3.5,
      '2026-11-02',
      '2026-02-30',
      'none',
      'full',
      'some text',
      '',
      null,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...items), fc.oneof(fc.jsonValue(), interesting), async (item, value) => {
        const before = { row: stored(item.id), audit: count('audit_log') };
        const result = await app.dispatch('runs:answer', { runId: run.id, itemId: item.id, value });
        if (result.ok) {
          expect(validFor(item, value)).toBe(true);
          expect(JSON.stringify((result.value as Answer).value)).toBe(JSON.stringify(value));
          const row = stored(item.id) as { value: string | null };
          expect(row.value).toBe(value === null ? null : JSON.stringify(value));
        } else {
          expect(result.error.code).toBe('invalid_input');
          expect(validFor(item, value) && JSON.stringify(value).length <= 10_000).toBe(false);
          expect({ row: stored(item.id), audit: count('audit_log') }).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('progress', () => {
  it('counts answered, non-compliant and missing evidence, per section and overall', async () => {
    const run = await createRun();
    await answer(run.id, 'fence-intact', { value: 'partially_compliant' });
    await answer(run.id, 'gate-guarded', { value: false });
    await answer(run.id, 'lighting', { value: 'none' });
    await answer(run.id, 'guard-name', { note: 'only a note' }); // a note alone is not an answer
    let detail = await getRun(run.id);
    expect(detail.run.progress).toEqual({ answered: 3, total: 6, nonCompliant: 1, evidenceMissing: 1 });
    expect(detail.sectionProgress).toEqual({
      fence: { answered: 2, total: 2, nonCompliant: 1, evidenceMissing: 1 },
      records: { answered: 1, total: 4, nonCompliant: 0, evidenceMissing: 0 },
    });

    // The optional item counts once answered; evidence clears "missing"; removed evidence does not count.
    await answer(run.id, 'reefer-fan', { value: 'non_compliant' });
    addEvidence(run.id, 'fence-intact');
    addEvidence(run.id, 'fence-intact');
    addEvidence(run.id, 'reefer-fan');
    app.store.sqlite.prepare("UPDATE evidence SET removed_at = '2026-11-10T00:00:00.000Z' WHERE item_id = 'reefer-fan'").run();
    detail = await getRun(run.id);
    expect(detail.sectionProgress.fence).toEqual({ answered: 3, total: 3, nonCompliant: 2, evidenceMissing: 1 });
    expect(detail.evidenceCounts).toEqual({ 'fence-intact': 2 });
    // Not applicable needs no evidence.
    await answer(run.id, 'reefer-fan', { value: 'not_applicable' });
    expect((await getRun(run.id)).run.progress).toEqual({ answered: 4, total: 7, nonCompliant: 1, evidenceMissing: 0 });
    const [listed] = await call<RunSummary[]>(app.dispatch, 'runs:list', { caseId });
    expect(listed?.progress).toEqual({ answered: 4, total: 7, nonCompliant: 1, evidenceMissing: 0 });
  });
});

describe('a pinned template version survives an upgrade', () => {
  it('the old run keeps version 1 and its answers; a new run gets version 2', async () => {
    const old = await createRun({ label: 'before upgrade' });
    await answer(old.id, 'fence-intact', { value: 'compliant' });
    await answer(old.id, 'gate-guarded', { value: true });

    const v2 = sampleTemplate(2);
    const fence = v2.sections[0]!;
    fence.items = fence.items.filter((i) => i.id !== 'gate-guarded'); // removed
    fence.items[0]!.prompt = { en: 'Is the perimeter fence intact?', ru: 'Периметр ограждения не повреждён?' }; // reworded
    fence.items.push({ id: 'cctv-covers-fence', prompt: { en: 'CCTV covers the fence', ru: 'Видеонаблюдение охватывает ограждение' }, answerType: 'yes_no' });
    const summary = await importTemplate(v2);
    expect(summary).toMatchObject({ version: 2, latest: true });

    const oldDetail = await getRun(old.id);
    expect(oldDetail.run.templateVersion).toBe(1);
    expect(oldDetail.templateSummary).toMatchObject({ version: 1, latest: false });
    expect(itemIds(oldDetail)).toContain('gate-guarded');
    expect(itemIds(oldDetail)).not.toContain('cctv-covers-fence');
    expect(oldDetail.template.sections[0]!.items[0]!.prompt.en).toBe('Is the fence intact?');
    expect(oldDetail.answers.map((a) => [a.itemId, a.value])).toEqual([
      ['fence-intact', 'compliant'],
      ['gate-guarded', true],
    ]);
    // The old run still takes answers for its own items, and refuses the new version's.
    await answer(old.id, 'gate-guarded', { note: 'guard post at gate 2' });
    expect(await app.dispatch('runs:answer', { runId: old.id, itemId: 'cctv-covers-fence', value: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'itemId' }] },
    });

    const fresh = await createRun({ label: 'after upgrade' });
    expect(fresh.templateVersion).toBe(2);
    const freshDetail = await getRun(fresh.id);
    expect(itemIds(freshDetail)).toContain('cctv-covers-fence');
    expect(itemIds(freshDetail)).not.toContain('gate-guarded');
    expect(freshDetail.template.sections[0]!.items[0]!.prompt.en).toBe('Is the perimeter fence intact?');
    expect(await app.dispatch('runs:answer', { runId: fresh.id, itemId: 'gate-guarded', value: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    // A run can still pin the old version on purpose.
    expect((await createRun({ version: 1 })).templateVersion).toBe(1);
    const list = await call<RunSummary[]>(app.dispatch, 'runs:list', { caseId });
    expect(list.map((r) => r.templateVersion)).toEqual([1, 2, 1]);
  });
});

describe('updating a run', () => {
  it('changes the label and merges metadata, auditing each field; an absent label is kept', async () => {
    const run = await createRun({ label: 'Container 1', metadata: { container_number: 'MSKU1', inspection_time: '09:15' } });
    const updated = await call<RunSummary>(app.dispatch, 'runs:update', {
      id: run.id,
      metadata: { inspection_date: '2026-11-10', inspection_time: '' },
    });
    expect(updated.label).toBe('Container 1');
    expect(updated.metadata).toEqual({ container_number: 'MSKU1', inspection_date: '2026-11-10' });
    const relabelled = await call<RunSummary>(app.dispatch, 'runs:update', { id: run.id, label: 'Container 1 (reefer)' });
    expect(relabelled).toMatchObject({ label: 'Container 1 (reefer)', metadata: updated.metadata });
    const audit = app.store.sqlite
      .prepare("SELECT field, before, after FROM audit_log WHERE entity_id = ? AND action = 'update' ORDER BY seq")
      .all(run.id);
    expect(audit).toEqual([
      { field: 'metadata.inspection_time', before: '09:15', after: null },
      { field: 'metadata.inspection_date', before: null, after: '2026-11-10' },
      { field: 'label', before: 'Container 1', after: 'Container 1 (reefer)' },
    ]);
    expect(await app.dispatch('runs:update', { id: run.id, metadata: { colour: 'red' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'metadata.colour' }] },
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../src-main/contract/audit';
import type { CaseDetail } from '../../src-main/contract/cases';
import type { RunSummary } from '../../src-main/contract/runs';
import { appendAudit, verifyAuditChain } from '../../src-main/db/audit-chain';
import { sampleTemplate } from '../support/checklist-fixtures';
import { call, openTestApp, sampleCase, type TestApp } from '../support/temp-store';

let app: TestApp;
let created: CaseDetail;
let run: RunSummary;
let itemId: string;
beforeEach(async () => {
  app = openTestApp();
  await call(app.dispatch, 'users:create', { name: 'Dana Validator', role: 'validator' });
  created = await call<CaseDetail>(app.dispatch, 'cases:create', sampleCase());
  await call(app.dispatch, 'templates:import', { content: JSON.stringify(sampleTemplate(1)) });
  run = await call<RunSummary>(app.dispatch, 'runs:create', { caseId: created.id, templateId: 'yard-check' });
  const detail = await call<{ template: { sections: { items: { id: string }[] }[] } }>(app.dispatch, 'runs:get', {
    id: run.id,
  });
  itemId = detail.template.sections[0]!.items[0]!.id;
});
afterEach(() => app.dispose());

/** Every table's row count, so a refused call can be shown to have written nothing anywhere. */
function rowCounts(): Record<string, number> {
  const tables = app.store.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [t, app.store.sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]),
  );
}

async function expectRefused(channel: string, input: unknown, code: string, path: string) {
  const before = rowCounts();
  const result = await app.dispatch(channel, input);
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path, code }] } });
  expect(rowCounts()).toEqual(before);
  expect(await call<AuditVerification>(app.dispatch, 'audit:verify', {})).toMatchObject({ ok: true });
}

describe('ill-formed strings are refused at the contract', () => {
  it('runs:answer with a note that is a lone surrogate is refused, writes nothing, and the chain holds', async () => {
    await expectRefused('runs:answer', { runId: run.id, itemId, note: '\ud800' }, 'ill_formed_text', 'note');
  });

  it('cases:update with half an emoji is refused, writes nothing, and the chain holds', async () => {
    const halfEmoji = '😀'.slice(0, 1);
    await expectRefused(
      'cases:update',
      { id: created.id, patch: { notes: `Warehouse B ${halfEmoji}` } },
      'ill_formed_text',
      'patch.notes',
    );
    await expectRefused(
      'cases:update',
      { id: created.id, patch: { team: ['Arman', `${halfEmoji}x`] } },
      'ill_formed_text',
      'patch.team.1',
    );
  });

  it('a whole emoji and other well-formed text is stored and read back unchanged', async () => {
    const note = 'Ворота 3 😀 — ok';
    const saved = await call<{ note: string }>(app.dispatch, 'runs:answer', { runId: run.id, itemId, note });
    expect(saved.note).toBe(note);
    expect(await call<AuditVerification>(app.dispatch, 'audit:verify', {})).toMatchObject({ ok: true });
  });
});

describe('control and bidi characters are refused in single-line text', () => {
  it('a case number with ESC/OSC or a newline is refused with control_characters', async () => {
    for (const caseNumber of ['AEO-1\u001b]0;files: all ok\u0007', 'AEO-1\nfiles: all ok', 'AEO\u009b1', 'AEO\u007f1']) {
      await expectRefused('cases:create', sampleCase({ caseNumber }), 'control_characters', 'caseNumber');
    }
  });

  it('bidi overrides and isolates are refused in names and captions', async () => {
    for (const mark of ['\u202a', '\u202e', '\u2066', '\u2069']) {
      await expectRefused(
        'cases:update',
        { id: created.id, patch: { leadValidator: `Dana ${mark}rotadilaV` } },
        'control_characters',
        'patch.leadValidator',
      );
      await expectRefused('runs:update', { id: run.id, label: `Gate ${mark}3` }, 'control_characters', 'label');
    }
  });

  it('multi-line notes keep line feeds and tabs but refuse other controls', async () => {
    const saved = await call<CaseDetail>(app.dispatch, 'cases:update', {
      id: created.id,
      patch: { notes: 'line one\n\tindented line two' },
    });
    expect(saved.notes).toBe('line one\n\tindented line two');
    for (const notes of ['a\rb', 'a\u001b[2Jb', 'a\u0000b', 'a\u202eb']) {
      await expectRefused('cases:update', { id: created.id, patch: { notes } }, 'control_characters', 'patch.notes');
    }
  });
});

describe('the audit chain hashes exactly what it stores', () => {
  it('a lone surrogate that reaches the audit log by another way still leaves a chain that holds', () => {
    const actor = { id: null, name: 'script \ud800' };
    appendAudit(app.store.sqlite, actor, [
      { entity: 'case', entityId: created.id, action: 'update', field: 'notes', before: 'a', after: 'half \udc00 emoji' },
      { entity: 'case', entityId: created.id, action: 'update', field: 'meta', after: { note: '\ud83d' } },
    ]);
    expect(verifyAuditChain(app.store.sqlite)).toMatchObject({ ok: true, firstBroken: null });
  });
});

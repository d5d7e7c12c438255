import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChecklistTemplate } from '../../src-main/contract/checklist-template';
import type { StoredTemplate, TemplateSummary } from '../../src-main/contract/templates';
import { assetsDir } from '../../src-main/core/app-paths';
import { canonicalJson, sha256Hex } from '../../src-main/core/canonical-json';
import { syncShippedTemplates } from '../../src-main/domains/templates-store';
import { sampleTemplate, type TemplateJson } from '../support/checklist-fixtures';
import { call, openTestApp, tempDir, type TestApp } from '../support/temp-store';

let app: TestApp;
beforeEach(async () => {
  app = openTestApp();
  await call(app.dispatch, 'users:create', { name: 'Dana Validator', role: 'validator' });
});
afterEach(() => app.dispose());

const count = (table: string) => app.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const importJson = (template: unknown, fileName = 'template.json') =>
  app.dispatch('templates:import', { content: JSON.stringify(template, null, 2), fileName });
const shippedFiles = readdirSync(path.join(assetsDir(), 'checklists')).filter((f) => f.endsWith('.json'));

describe('shipped templates', () => {
  it('are stored on the first templates call and listed, each with English and Russian titles', async () => {
    expect(count('checklist_templates')).toBe(0); // opening the store does not load them
    const list = await call<TemplateSummary[]>(app.dispatch, 'templates:list', {});
    expect(list.map((t) => `${t.templateId}.json`).sort()).toEqual([...shippedFiles].sort());
    for (const summary of list) {
      expect(summary.title.en.trim(), summary.templateId).not.toBe('');
      expect(summary.title.ru, summary.templateId).toMatch(/[\u0400-\u04FF]/);
      const shippedVersion: Record<string, number> = {
        'ctpat-container-7pt': 4,
        'ctpat-tractor-trailer-17pt': 3,
        'eu-saq': 2,
        'validator-questions': 2,
        'information-security': 2,
        'wco-safe-criteria': 2,
      };
      expect(summary).toMatchObject({ origin: 'shipped', latest: true, version: shippedVersion[summary.templateId] ?? 1 });
      expect(summary.items).toBeGreaterThan(0);
      expect(summary.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    // One audit row per stored template, by the system rather than the user.
    const audits = app.store.sqlite
      .prepare("SELECT actor_id, actor_name FROM audit_log WHERE entity = 'checklist_template'")
      .all() as { actor_id: string | null; actor_name: string }[];
    expect(audits).toHaveLength(shippedFiles.length);
    expect(audits.every((a) => a.actor_id === null && a.actor_name.startsWith('system'))).toBe(true);
  });

  it('are synced once: later calls and a reopened store add nothing', async () => {
    await call(app.dispatch, 'templates:list', {});
    const rows = count('checklist_templates');
    const audits = count('audit_log');
    await call(app.dispatch, 'templates:list', { includeOldVersions: true });
    expect(count('checklist_templates')).toBe(rows);
    const report = syncShippedTemplates(app.store);
    expect(report).toMatchObject({ inserted: [], alreadyStored: shippedFiles.length, changedWithoutVersionBump: [] });
    expect(count('audit_log')).toBe(audits);
  });

  it('a template can be fetched whole, latest or by version; an unknown one is not_found', async () => {
    const got = await call<StoredTemplate>(app.dispatch, 'templates:get', { templateId: 'ctpat-container-7pt' });
    expect(got.summary.version).toBe(4);
    expect(got.template.sections.length).toBe(got.summary.sections);
    const fileText = readFileSync(path.join(assetsDir(), 'checklists', 'ctpat-container-7pt.json'), 'utf8');
    expect(got.template.id).toBe(JSON.parse(fileText).id);
    expect(await app.dispatch('templates:get', { templateId: 'ctpat-container-7pt', version: 4 })).toMatchObject({
      ok: true,
    });
    expect(await app.dispatch('templates:get', { templateId: 'ctpat-container-7pt', version: 9 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await app.dispatch('templates:get', { templateId: 'no-such-template' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('syncing a shipped folder', () => {
  const writeTemplate = (dir: string, name: string, template: unknown) =>
    writeFileSync(path.join(dir, name), `${JSON.stringify(template, null, 2)}\n`);

  it('a shipped file changed without a version bump is reported, and the stored version is kept', () => {
    const dir = tempDir('aeo-shipped-');
    mkdirSync(dir, { recursive: true });
    writeTemplate(dir, 'yard-check.json', sampleTemplate(1));
    const first = syncShippedTemplates(app.store, dir);
    expect(first.inserted).toEqual([{ file: 'yard-check.json', templateId: 'yard-check', version: 1 }]);
    const stored = () =>
      app.store.sqlite.prepare("SELECT body, sha256 FROM checklist_templates WHERE template_id = 'yard-check'").all();
    const before = stored();

    const changed = sampleTemplate(1);
    changed.title = { en: 'Yard check (revised)', ru: 'Проверка площадки (ред.)' };
    writeTemplate(dir, 'yard-check.json', changed);
    const second = syncShippedTemplates(app.store, dir);
    expect(second.inserted).toEqual([]);
    expect(second.changedWithoutVersionBump).toEqual([
      expect.objectContaining({
        file: 'yard-check.json',
        templateId: 'yard-check',
        version: 1,
        storedSha256: (before[0] as { sha256: string }).sha256,
        shippedSha256: sha256Hex(canonicalJson(ChecklistTemplate.parse(changed))),
      }),
    ]);
    expect(stored()).toEqual(before);
  });

  it('a bumped version is added beside the old one; a bad file is reported and skipped', () => {
    const dir = tempDir('aeo-shipped-');
    writeTemplate(dir, 'yard-check.json', sampleTemplate(1));
    syncShippedTemplates(app.store, dir);
    writeTemplate(dir, 'yard-check.json', sampleTemplate(2));
    writeFileSync(path.join(dir, 'broken.json'), '{ "id": ');
    writeTemplate(dir, 'invalid.json', { ...sampleTemplate(1), id: 'Not A Slug' });
    const report = syncShippedTemplates(app.store, dir);
    expect(report.inserted).toEqual([{ file: 'yard-check.json', templateId: 'yard-check', version: 2 }]);
    expect(report.invalid.map((i) => i.file).sort()).toEqual(['broken.json', 'invalid.json']);
    expect(report.invalid.find((i) => i.file === 'invalid.json')?.issues.map((i) => i.path)).toEqual(['id']);
    expect(count('checklist_templates')).toBe(2);
  });
});

describe('importing a template', () => {
  it('stores a valid file with an audit row, and returns it as the latest version', async () => {
    await call(app.dispatch, 'templates:list', {});
    const audits = count('audit_log');
    const summary = await call<TemplateSummary>(app.dispatch, 'templates:import', {
      content: JSON.stringify(sampleTemplate(1)),
      fileName: 'yard.json',
    });
    expect(summary).toMatchObject({ templateId: 'yard-check', version: 1, origin: 'imported', latest: true, items: 7 });
    expect(count('audit_log')).toBe(audits + 1);
    const audit = app.store.sqlite.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Record<
      string,
      string
    >;
    expect(audit).toMatchObject({ entity: 'checklist_template', entity_id: summary.rowId, action: 'create' });
    expect(audit.actor_name).toBe('Dana Validator');
    expect(JSON.parse(audit.after!)).toMatchObject({ templateId: 'yard-check', version: 1, fileName: 'yard.json' });
  });

  it('the identical file again returns the stored row; the same version with other content is a conflict', async () => {
    const first = await call<TemplateSummary>(app.dispatch, 'templates:import', {
      content: JSON.stringify(sampleTemplate(1)),
    });
    const rows = count('checklist_templates');
    const audits = count('audit_log');
    // Formatting and key order do not matter: the canonical content does.
    const again = await call<TemplateSummary>(app.dispatch, 'templates:import', {
      content: JSON.stringify(sampleTemplate(1), null, 4),
    });
    expect(again.rowId).toBe(first.rowId);

    const edited = sampleTemplate(1);
    edited.sections[0]!.items[0]!.prompt = { en: 'Fence?', ru: 'Забор?' };
    const conflict = await importJson(edited);
    expect(conflict).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'version' }] } });
    expect({ rows: count('checklist_templates'), audits: count('audit_log') }).toEqual({ rows, audits });
  });

  it('lists only the latest version unless old versions are asked for', async () => {
    await importJson(sampleTemplate(1));
    await importJson(sampleTemplate(2));
    const latest = await call<TemplateSummary[]>(app.dispatch, 'templates:list', {});
    expect(latest.filter((t) => t.templateId === 'yard-check').map((t) => [t.version, t.latest])).toEqual([[2, true]]);
    const all = await call<TemplateSummary[]>(app.dispatch, 'templates:list', { includeOldVersions: true });
    expect(all.filter((t) => t.templateId === 'yard-check').map((t) => [t.version, t.latest])).toEqual([
      [2, true],
      [1, false],
    ]);
    const v1 = await call<StoredTemplate>(app.dispatch, 'templates:get', { templateId: 'yard-check', version: 1 });
    expect(v1.summary.latest).toBe(false);
  });

  it('without a current user it is refused', async () => {
    const fresh = openTestApp();
    try {
      const result = await fresh.dispatch('templates:import', { content: JSON.stringify(sampleTemplate()) });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      fresh.dispose();
    }
  });
});

describe('a malformed template is rejected with every failing path, and nothing is stored', () => {
  const mutate = (change: (t: TemplateJson) => void) => {
    const t = sampleTemplate(1);
    change(t);
    return JSON.stringify(t);
  };
  const cases: [string, string, string[]][] = [
    [
      'a prompt missing its Russian',
      mutate((t) => {
        t.sections[0]!.items[2]!.prompt = { en: 'Reefer fan housing' };
      }),
      ['sections.0.items.2.prompt.ru'],
    ],
    [
      'a duplicate item id',
      mutate((t) => {
        t.sections[1]!.items[0]!.id = 'fence-intact';
      }),
      ['sections.1.items.0.id'],
    ],
    [
      'a choice item without choices',
      mutate((t) => {
        delete t.sections[1]!.items[3]!.choices;
      }),
      ['sections.1.items.3.choices'],
    ],
    [
      'an unknown key',
      mutate((t) => {
        t.sections[0]!.items[0]!.weight = 3;
      }),
      ['sections.0.items.0'],
    ],
    [
      'a duplicate section id',
      mutate((t) => {
        t.sections[1]!.id = 'fence';
      }),
      ['sections.1.id'],
    ],
    [
      'several faults at once',
      mutate((t) => {
        t.languages = ['en'];
        t.step = 12;
        t.sections[0]!.title = { en: 'Fence', ru: ' ' };
        t.sections[1]!.items[1]!.answerType = 'maybe';
      }),
      ['languages', 'step', 'sections.0.title.ru', 'sections.1.items.1.answerType'],
    ],
    ['not JSON', '{ "id": "yard-check", "version": 1,', ['content']],
    ['JSON that is no template', '[1, 2, 3]', ['(root)']],
  ];

  it.each(cases)('%s', async (_name, content, paths) => {
    await call(app.dispatch, 'templates:list', {});
    const before = { rows: count('checklist_templates'), audits: count('audit_log') };
    const result = await app.dispatch('templates:import', { content, fileName: 'bad.json' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    const reported = (result.error.issues ?? []).map((i) => i.path);
    expect(reported).toEqual(expect.arrayContaining(paths));
    expect(reported).toHaveLength(paths.length);
    if (paths[0] === 'content') expect(result.error.message).toMatch(/not valid JSON/);
    else for (const p of paths) expect(result.error.message).toContain(p);
    expect({ rows: count('checklist_templates'), audits: count('audit_log') }).toEqual(before);
  });

  it('an unknown key names the key in its message', async () => {
    const t = sampleTemplate(1);
    t.sections[0]!.items[0]!.weight = 3;
    const result = await importJson(t);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues?.[0]?.message).toContain('weight');
  });
});

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleDetail, ImportResult } from '../../src-main/contract/bundles';
import type { ReportModel } from '../../src-main/contract/reports';
import type { MergeOutcome } from '../../src-main/contract/team';
import { device, type Device } from '../support/bundle-devices';
import { fileSource } from '../support/local-files';
import { teamSetup, type Team } from '../support/team-fixture';
import { call } from '../support/temp-store';

/*
 * The lead's decisions on a merge (issue 12), kept on her laptop before sealing: each with its reason, who and when,
 * audited; a decision can be replaced or withdrawn; a newer field report that changes a decided conflict opens it
 * again; bad decisions change nothing. The merged seal is refused while a conflict is open (`conflicts_open`), runs
 * the pre-seal check like an ordinary seal (override reason), and its two PDFs print who recorded what and every
 * conflict with its decision, in English and Russian.
 */

let lead: Device;
let team: Team;
let valueId: string;
let noteId: string;
let deletedId: string;

const merge = (input: Record<string, unknown> = {}) => call<MergeOutcome>(lead.dispatch, 'team:merge', { caseId: team.caseId, ...input });
const resolve = (input: Record<string, unknown>) => lead.dispatch('team:resolve', { caseId: team.caseId, ...input });
const count = (sql: string) => lead.store.sqlite.prepare(sql).pluck().get() as number;
const auditRows = () => count('SELECT count(*) FROM audit_log');
const liveDecisions = () => count('SELECT count(*) FROM merge_resolutions WHERE removed_at IS NULL');
const importFile = (file: string) => call<ImportResult>(lead.dispatch, 'bundles:import', { source: fileSource(file) });

beforeAll(async () => {
  lead = await device('Timur Lead', 'team_lead');
  team = await teamSetup({ api: (channel, input) => call(lead.dispatch, channel, input ?? {}), dataDir: lead.dataDir });
  for (const file of [team.files.dana, team.files.arman]) expect((await importFile(file)).outcome).toBe('imported');
  valueId = `answers/${team.runId}/left-side/value`;
  noteId = `answers/${team.runId}/left-side/note`;
  deletedId = `findings/${team.findingId}/#deleted`;
}, 240_000);
afterAll(() => {
  lead?.dispose();
  team?.dispose();
});

describe('the conflict queue’s data', { timeout: 180_000 }, () => {
  it('shows each side’s value, note, photos, who and when, and the summary', async () => {
    const outcome = await merge();
    expect(outcome.open).toEqual([valueId, noteId, deletedId].sort());
    expect(outcome.summary).toMatchObject({ hard: 2, soft: 1, deletions: 1 });
    const value = outcome.conflicts.find((c) => c.id === valueId);
    const sides = Object.fromEntries((value?.sides ?? []).map((s) => [s.name, s]));
    expect(sides['Dana Validator']).toMatchObject({ note: 'Wall intact', evidence: [{ caption: 'Left side, Dana', photo: true }] });
    expect(sides['Arman Validator']).toMatchObject({ note: 'Dent at 1.2 m', evidence: [{ caption: 'Dent, Arman', photo: true }] });
    expect(sides['Arman Validator']?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The photo a side carries is shown from the imported bundle, by content; another hash is not.
    const sha = sides['Arman Validator']?.evidence[0]?.sha256 as string;
    const thumb = await call<{ dataUrl: string }>(lead.dispatch, 'team:thumbnail', { caseId: team.caseId, sha256: sha });
    expect(thumb.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    expect(await lead.dispatch('team:thumbnail', { caseId: team.caseId, sha256: 'a'.repeat(64) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('decisions kept before sealing', { timeout: 180_000 }, () => {
  it('a bad decision is refused with a code and changes nothing', async () => {
    const before = auditRows();
    const refusals = [
      [{ conflictId: 'answers/nope/value', choice: 'side', side: team.keyOf.dana, reason: 'x' }, 'resolution_unknown'],
      [{ conflictId: `risks/${team.riskId}`, choice: 'side', side: team.keyOf.dana, reason: 'soft ones need none' }, 'resolution_unknown'],
      [{ conflictId: valueId, choice: 'side', side: 'f'.repeat(64), reason: 'not a side' }, 'resolution_invalid'],
      [{ conflictId: valueId, choice: 'side', reason: 'no side named' }, 'resolution_invalid'],
      [{ conflictId: valueId, choice: 'value', valueJson: '{not json', reason: 'bad json' }, 'resolution_invalid'],
      [{ conflictId: deletedId, choice: 'value', valueJson: '"x"', reason: 'a deletion is settled by a side' }, 'resolution_invalid'],
    ] as const;
    for (const [input, code] of refusals) {
      const result = await resolve(input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { issues: [{ code }] } });
    }
    expect(await resolve({ conflictId: valueId, choice: 'side', side: team.keyOf.dana, reason: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(auditRows()).toBe(before);
    expect(liveDecisions()).toBe(0);
  });

  it('keeps each decision with reason, who and when; deciding again replaces it; all audited', async () => {
    const before = auditRows();
    const first = await resolve({ conflictId: valueId, choice: 'side', side: team.keyOf.dana, reason: 'Dana looked first' });
    expect(first.ok).toBe(true);
    const again = await call<MergeOutcome>(lead.dispatch, 'team:resolve', { caseId: team.caseId, conflictId: valueId, choice: 'side', side: team.keyOf.arman, reason: 'Arman photographed the dent' });
    const decided = again.conflicts.find((c) => c.id === valueId)?.resolution;
    expect(decided).toMatchObject({ choice: 'side', side: team.keyOf.arman, reason: 'Arman photographed the dent', byName: 'Timur Lead' });
    expect(decided?.at).toMatch(/^\d{4}-/);
    const combined = JSON.stringify('Dent at 1.2 m (Arman); wall otherwise intact (Dana)');
    await call(lead.dispatch, 'team:resolve', { caseId: team.caseId, conflictId: noteId, choice: 'combined', valueJson: combined, reason: 'Both notes hold' });
    const outcome = await call<MergeOutcome>(lead.dispatch, 'team:resolve', { caseId: team.caseId, conflictId: deletedId, choice: 'side', side: team.keyOf.dana, reason: 'The finding stands' });
    expect(outcome.open).toEqual([]);
    expect(outcome.conflicts.find((c) => c.id === noteId)?.resolution).toMatchObject({ choice: 'combined', valueJson: combined });
    expect(liveDecisions()).toBe(3);
    expect(count('SELECT count(*) FROM merge_resolutions')).toBe(4);
    // Four decisions kept (one replaced, one tombstone): five audit rows, each decision with its reason.
    expect(auditRows() - before).toBe(5);
    const reasons = lead.store.sqlite.prepare("SELECT after FROM audit_log WHERE entity = 'merge_resolution' AND action = 'create'").pluck().all() as string[];
    expect(reasons.map((r) => (JSON.parse(r) as { reason: string }).reason)).toEqual(['Dana looked first', 'Arman photographed the dent', 'Both notes hold', 'The finding stands']);
  });

  it('reopening withdraws a decision; the merge shows the conflict open again', async () => {
    const reopened = await call<MergeOutcome>(lead.dispatch, 'team:reopen', { caseId: team.caseId, conflictId: deletedId });
    expect(reopened.open).toEqual([deletedId]);
    expect(await lead.dispatch('team:reopen', { caseId: team.caseId, conflictId: deletedId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await call(lead.dispatch, 'team:resolve', { caseId: team.caseId, conflictId: deletedId, choice: 'side', side: team.keyOf.dana, reason: 'The finding stands' });
  });

  it('a newer field report that changes a decided conflict makes its decision stale: open again', async () => {
    expect((await importFile(await team.reseal('partially_compliant'))).outcome).toBe('imported');
    const outcome = await merge();
    expect(outcome.stale).toEqual([valueId]);
    expect(outcome.open).toEqual([valueId]);
    expect(outcome.conflicts.find((c) => c.id === noteId)?.resolution?.reason).toBe('Both notes hold');
    await call(lead.dispatch, 'team:resolve', { caseId: team.caseId, conflictId: valueId, choice: 'side', side: team.keyOf.arman, reason: 'Arman photographed the dent' });
    expect((await merge()).stale).toEqual([]);
  });
});

describe('the merged seal', { timeout: 180_000 }, () => {
  let sealed: BundleDetail;

  it('is refused while a hard conflict is open, and changes nothing', async () => {
    await call(lead.dispatch, 'team:reopen', { caseId: team.caseId, conflictId: valueId });
    const before = auditRows();
    const bundles = count('SELECT count(*) FROM bundles');
    const refused = await lead.dispatch('team:merge', { caseId: team.caseId, seal: true, overrideReason: 'anyway' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ code: 'conflicts_open', params: { count: 1 } }, { message: valueId }] } });
    expect(auditRows()).toBe(before);
    expect(count('SELECT count(*) FROM bundles')).toBe(bundles);
  });

  it('runs the pre-seal check: refused with open items, and the case rolled back', async () => {
    await call(lead.dispatch, 'team:resolve', { caseId: team.caseId, conflictId: valueId, choice: 'side', side: team.keyOf.arman, reason: 'Arman photographed the dent' });
    const before = auditRows();
    const refused = await lead.dispatch('team:merge', { caseId: team.caseId, seal: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(refused.ok ? null : refused.error.issues?.[0]?.code).toBe('open_items');
    expect(auditRows()).toBe(before);
    // The merged rows were not left in the case: the risk keeps the handout's likelihood.
    expect(count(`SELECT likelihood FROM risks WHERE id = '${team.riskId}'`)).toBe(2);
  });

  it('with an override reason, seals; the frozen model says who recorded what and how each conflict was decided', async () => {
    const outcome = await call<MergeOutcome>(lead.dispatch, 'team:merge', { caseId: team.caseId, seal: true, overrideReason: 'Criteria are concluded at HQ' });
    sealed = outcome.merged as BundleDetail;
    expect(sealed.report.kind).toBe('merged');
    const version = lead.store.sqlite.prepare('SELECT model FROM report_versions WHERE id = ?').pluck().get(sealed.report.reportVersion?.id) as string;
    const model = JSON.parse(version) as ReportModel;
    expect(model.sealOverride?.reason).toBe('Criteria are concluded at HQ');
    const team2 = model.teamMerge;
    expect(team2?.sides.map((s) => s.name).sort()).toEqual(['Arman Validator', 'Dana Validator']);
    expect(team2?.recorded.find((r) => r.kind === 'answer' && r.ref === 'front-wall')?.names.sort()).toEqual(['Arman Validator', 'Dana Validator']);
    const risk = team2?.recorded.find((r) => r.kind === 'risk');
    expect(risk?.ref).toBe('R1');
    expect(risk?.names.sort()).toEqual(['Arman Validator', 'Dana Validator']);
    const value = team2?.conflicts.find((c) => c.id === valueId);
    expect(value?.resolution).toMatchObject({ choice: 'side', sideName: 'Arman Validator', reason: 'Arman photographed the dent', byName: 'Timur Lead' });
    expect(value?.sides.map((s) => s.value).sort()).toEqual(['compliant', 'partially_compliant']);
    expect(count("SELECT count(*) FROM audit_log WHERE entity = 'case' AND field = 'sealOverride'")).toBe(1);
  });

  it.each(['en', 'ru'] as const)('both PDFs print who recorded what and the conflicts with their decisions (%s)', async (lang) => {
    const versionId = sealed.report.reportVersion?.id as string;
    const words = {
      en: { title: 'Team merge: who recorded what', conflicts: 'Conflicts between the field reports', took: 'Took Arman Validator', combined: 'Combined the values', by: 'Decided by Timur Lead', field: 'Field: Note', changed: 'changed: Required' },
      ru: { title: 'Объединение отчётов группы', conflicts: 'Расхождения между полевыми отчётами', took: 'Принято значение: Arman Validator', combined: 'Значения объединены', by: 'Решение принял(а) Timur Lead', field: 'Поле: Примечание', changed: 'изменил: Требуемое' },
    }[lang];
    for (const document of ['validation-report', 'control-plan'] as const) {
      await call(lead.dispatch, 'reports:pdf', { versionId, document, lang });
      const file = path.join(lead.dataDir, 'reports', versionId, `${document}.${lang}.pdf`);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text, document).toContain(words.title);
      expect(text, document).toContain(words.conflicts);
      expect(text, document).toContain(words.took);
      expect(text, document).toContain('Arman photographed the dent');
      expect(text, document).toContain(words.combined);
      expect(text, document).toContain('Both notes hold');
      expect(text, document).toContain(words.by);
      expect(text, document).toContain('Dana Validator');
      // Fields in the reader's words (the glossary's), never as the store names them.
      expect(text, document).toContain(words.field);
      expect(text, document).toContain(words.changed);
      expect(text, document).not.toMatch(/requiredAction|likelihood, title|Field: note|Поле: note/);
    }
  });
});

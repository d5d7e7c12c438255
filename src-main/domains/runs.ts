import type Database from 'better-sqlite3';
import { AppError } from '../contract/result';
import { computeRunProgress, type RunDetails, type RunProgress } from '../contract/run-progress';
import type { Answer, AnswerValue, Progress, RunDetail, RunSummary } from '../contract/runs';
import { newId, nowUtc } from '../core/ids';
import { appendAudit, type AuditChange } from '../db/audit-chain';
import type { Store } from '../db/open';
import { requireActor, type HandlerMap } from '../kernel/context';
import { requireCase, requireLiveSite } from './plan';
import { runFinishedError } from './run-lock';
import { answerTypeProblem, checkMetadata, formatIssue, refuseStaleWrite } from './run-rules';
import {
  ensureShippedTemplates,
  isLatest,
  loadTemplateRow,
  requireTemplate,
  summarize,
  type LoadedTemplate,
} from './templates-store';

/*
 * Checklist runs: one template version pinned per run, several runs per template and site (five containers
 * inspected = five runs). `runs:answer` is the hot path (every keystroke's autosave): prepared statements, the
 * parsed template cached by row id, and no reload of the run.
 */

type RunRow = {
  id: string;
  case_id: string;
  site_id: string | null;
  template_row_id: string;
  label: string;
  metadata: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  finished_by: string | null;
  finished_by_name: string | null;
  signature_sha256: string | null;
};
type AnswerRow = {
  id: string;
  run_id: string;
  item_id: string;
  value: string | null;
  note: string;
  answered_by: string;
  answered_by_name: string;
  answered_at: string;
  revision: number;
};

const RUN_COLUMNS =
  'id, case_id, site_id, template_row_id, label, metadata, created_at, updated_at, finished_at, finished_by, finished_by_name, signature_sha256';

export type { RunRow, AnswerRow };

function prepareStatements(sqlite: Database.Database) {
  return {
    run: sqlite.prepare<[string], RunRow>(`SELECT ${RUN_COLUMNS} FROM checklist_runs WHERE id = ?`),
    runsOfCase: sqlite.prepare<[string], RunRow>(
      `SELECT ${RUN_COLUMNS} FROM checklist_runs WHERE case_id = ? ORDER BY created_at, id`,
    ),
    insertRun: sqlite.prepare(
      `INSERT INTO checklist_runs (id, case_id, site_id, template_row_id, label, metadata, created_by, created_at, updated_at)
       VALUES (@id, @case_id, @site_id, @template_row_id, @label, @metadata, @created_by, @created_at, @updated_at)`,
    ),
    updateRun: sqlite.prepare('UPDATE checklist_runs SET label = ?, metadata = ?, updated_at = ? WHERE id = ?'),
    touchRun: sqlite.prepare('UPDATE checklist_runs SET updated_at = ? WHERE id = ?'),
    answer: sqlite.prepare<[string, string], AnswerRow>('SELECT * FROM answers WHERE run_id = ? AND item_id = ?'),
    answersOfRun: sqlite.prepare<[string], AnswerRow>('SELECT * FROM answers WHERE run_id = ? ORDER BY id'),
    answerValuesOfCase: sqlite.prepare<[string], { run_id: string; item_id: string; value: string | null }>(
      `SELECT a.run_id, a.item_id, a.value FROM answers a JOIN checklist_runs r ON r.id = a.run_id WHERE r.case_id = ?`,
    ),
    insertAnswer: sqlite.prepare(
      `INSERT INTO answers (id, run_id, item_id, value, note, answered_by, answered_by_name, answered_at, revision)
       VALUES (@id, @run_id, @item_id, @value, @note, @answered_by, @answered_by_name, @answered_at, @revision)`,
    ),
    updateAnswer: sqlite.prepare(
      `UPDATE answers SET value = @value, note = @note, answered_by = @answered_by,
       answered_by_name = @answered_by_name, answered_at = @answered_at, revision = @revision WHERE id = @id`,
    ),
    evidenceOfRun: sqlite.prepare<[string], { item_id: string; n: number }>(
      `SELECT item_id, count(*) AS n FROM evidence
       WHERE run_id = ? AND item_id IS NOT NULL AND removed_at IS NULL GROUP BY item_id`,
    ),
    evidenceOfCase: sqlite.prepare<[string], { run_id: string; item_id: string; n: number }>(
      `SELECT run_id, item_id, count(*) AS n FROM evidence
       WHERE case_id = ? AND run_id IS NOT NULL AND item_id IS NOT NULL AND removed_at IS NULL
       GROUP BY run_id, item_id`,
    ),
  };
}

const statementCache = new WeakMap<Database.Database, ReturnType<typeof prepareStatements>>();
export function statements(store: Store) {
  let cached = statementCache.get(store.sqlite);
  if (!cached) {
    cached = prepareStatements(store.sqlite);
    statementCache.set(store.sqlite, cached);
  }
  return cached;
}

export function requireRun(store: Store, id: string): RunRow {
  const row = statements(store).run.get(id);
  if (!row) throw new AppError('not_found', 'No checklist run with this id.');
  return row;
}

/* ---- progress ---- */

/** `values` holds stored JSON value texts; the counting rules are the contract's, shared with the page. */
export function runProgress(
  template: LoadedTemplate,
  values: ReadonlyMap<string, string | null>,
  evidence: ReadonlyMap<string, number>,
  details: RunDetails = {},
): RunProgress {
  return computeRunProgress(
    template.template,
    (itemId) => {
      const text = values.get(itemId);
      return text === null || text === undefined ? null : (JSON.parse(text) as AnswerValue);
    },
    (itemId) => evidence.get(itemId) ?? 0,
    details,
  );
}

const detailsOf = (row: RunRow): RunDetails => JSON.parse(row.metadata) as RunDetails;

function runSummary(row: RunRow, template: LoadedTemplate, progress: Progress): RunSummary {
  return {
    id: row.id,
    caseId: row.case_id,
    siteId: row.site_id,
    templateId: template.templateId,
    templateVersion: template.version,
    title: { en: template.template.title.en, ru: template.template.title.ru },
    label: row.label,
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    progress,
    finished:
      row.finished_at === null
        ? null
        : { at: row.finished_at, byId: row.finished_by ?? '', byName: row.finished_by_name ?? '', signatureSha256: row.signature_sha256 },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function summaryOf(store: Store, row: RunRow): RunSummary {
  const template = loadTemplateRow(store, row.template_row_id);
  const values = new Map(statements(store).answersOfRun.all(row.id).map((a) => [a.item_id, a.value]));
  const evidence = new Map(statements(store).evidenceOfRun.all(row.id).map((e) => [e.item_id, e.n]));
  return runSummary(row, template, runProgress(template, values, evidence, detailsOf(row)).overall);
}

/* ---- answers ---- */

const toAnswer = (row: AnswerRow): Answer => ({
  id: row.id,
  runId: row.run_id,
  itemId: row.item_id,
  value: row.value === null ? null : (JSON.parse(row.value) as AnswerValue),
  note: row.note,
  answeredBy: row.answered_by,
  answeredByName: row.answered_by_name,
  answeredAt: row.answered_at,
  revision: row.revision,
});


/** A finished run is read-only: its answers and details are what the sign-off vouched for. */
function requireOpenRun(store: Store, id: string): RunRow {
  const row = requireRun(store, id);
  if (row.finished_at !== null) throw runFinishedError(row.finished_by_name, row.finished_at);
  return row;
}

/** The sign-off channels live in run-signoff.ts. */
export type SignoffChannel = 'runs:finishCheck' | 'runs:finish' | 'runs:reopen';

export const runsHandlers: Omit<HandlerMap<'runs'>, SignoffChannel> = {
  'runs:create': (ctx, input) => {
    const actor = requireActor(ctx);
    ensureShippedTemplates(ctx);
    return ctx.store.db.transaction(() => {
      requireCase(ctx.store, input.caseId);
      if (input.siteId !== null) requireLiveSite(ctx.store, input.caseId, input.siteId);
      const template = requireTemplate(ctx.store, input.templateId, input.version);
      const metadata = checkMetadata(template, input.metadata);
      const now = nowUtc();
      const row: RunRow = {
        id: newId(),
        case_id: input.caseId,
        site_id: input.siteId,
        template_row_id: template.rowId,
        label: input.label,
        metadata: JSON.stringify(metadata),
        created_at: now,
        updated_at: now,
        finished_at: null,
        finished_by: null,
        finished_by_name: null,
        signature_sha256: null,
      };
      statements(ctx.store).insertRun.run({ ...row, created_by: actor.id });
      appendAudit(ctx.store.sqlite, actor, [
        {
          entity: 'run',
          entityId: row.id,
          action: 'create',
          after: {
            caseId: row.case_id,
            siteId: row.site_id,
            templateId: template.templateId,
            templateVersion: template.version,
            templateRowId: template.rowId,
            label: row.label,
            metadata,
          },
        },
      ]);
      return runSummary(row, template, runProgress(template, new Map(), new Map(), metadata).overall);
    });
  },

  'runs:list': (ctx, input) => {
    requireCase(ctx.store, input.caseId);
    const s = statements(ctx.store);
    const rows = s.runsOfCase.all(input.caseId);
    const values = new Map<string, Map<string, string | null>>();
    for (const a of s.answerValuesOfCase.all(input.caseId)) {
      let forRun = values.get(a.run_id);
      if (!forRun) values.set(a.run_id, (forRun = new Map()));
      forRun.set(a.item_id, a.value);
    }
    const evidence = new Map<string, Map<string, number>>();
    for (const e of s.evidenceOfCase.all(input.caseId)) {
      let forRun = evidence.get(e.run_id);
      if (!forRun) evidence.set(e.run_id, (forRun = new Map()));
      forRun.set(e.item_id, e.n);
    }
    return rows.map((row) => {
      const template = loadTemplateRow(ctx.store, row.template_row_id);
      const progress = runProgress(template, values.get(row.id) ?? new Map(), evidence.get(row.id) ?? new Map(), detailsOf(row));
      return runSummary(row, template, progress.overall);
    });
  },

  'runs:get': (ctx, input): RunDetail => {
    const s = statements(ctx.store);
    const row = requireRun(ctx.store, input.id);
    const template = loadTemplateRow(ctx.store, row.template_row_id);
    const answers = s.answersOfRun.all(row.id);
    const evidenceCounts: Record<string, number> = {};
    for (const e of s.evidenceOfRun.all(row.id)) evidenceCounts[e.item_id] = e.n;
    const progress = runProgress(
      template,
      new Map(answers.map((a) => [a.item_id, a.value])),
      new Map(Object.entries(evidenceCounts)),
      detailsOf(row),
    );
    return {
      run: runSummary(row, template, progress.overall),
      template: template.template,
      templateSummary: summarize(template, isLatest(ctx.store, template)),
      answers: answers.map(toAnswer),
      sectionProgress: progress.sections,
      evidenceCounts,
    };
  },

  'runs:answer': (ctx, input) => {
    const actor = requireActor(ctx);
    if (input.value === undefined && input.note === undefined) {
      throw new AppError('invalid_input', 'Nothing to save: give a value, a note or both.', [
        { path: '(root)', message: 'give a value, a note or both' },
      ]);
    }
    const s = statements(ctx.store);
    return ctx.store.db.transaction(() => {
      const run = requireOpenRun(ctx.store, input.runId);
      const template = loadTemplateRow(ctx.store, run.template_row_id);
      const entry = template.items.get(input.itemId);
      if (!entry) {
        throw new AppError(
          'invalid_input',
          `Checklist "${template.templateId}" version ${template.version} has no item "${input.itemId}".`,
          [{ path: 'itemId', message: 'not an item of this run’s checklist version' }],
        );
      }
      if (input.value !== undefined && input.value !== null) {
        const problem = answerTypeProblem(entry.item, input.value);
        if (problem) throw new AppError('invalid_input', `Invalid answer: ${problem}.`, [{ path: 'value', message: problem }]);
        const format = formatIssue('value', entry.item.format, input.value);
        if (format) throw new AppError('invalid_input', `Invalid answer: ${format.message}.`, [format]);
      }
      const existing = s.answer.get(run.id, input.itemId);
      if (input.baseRevision !== undefined) refuseStaleWrite(existing, input.baseRevision);
      const value =
        input.value === undefined ? (existing?.value ?? null) : input.value === null ? null : JSON.stringify(input.value);
      const note = input.note ?? existing?.note ?? '';
      const now = nowUtc();
      const changed: Omit<AnswerRow, 'id' | 'run_id' | 'item_id' | 'revision'> = {
        value,
        note,
        answered_by: actor.id ?? '',
        answered_by_name: actor.name,
        answered_at: now,
      };
      let saved: AnswerRow;
      let audit: AuditChange[];
      if (!existing) {
        saved = { id: newId(), run_id: run.id, item_id: input.itemId, ...changed, revision: 1 };
        s.insertAnswer.run(saved);
        audit = [
          {
            entity: 'answer',
            entityId: saved.id,
            action: 'create',
            after: { runId: run.id, itemId: input.itemId, value: input.value ?? null, note },
          },
        ];
      } else {
        audit = [];
        const decode = (text: string | null) => (text === null ? null : (JSON.parse(text) as AnswerValue));
        if (existing.value !== value) {
          audit.push({
            entity: 'answer',
            entityId: existing.id,
            action: 'update',
            field: 'value',
            before: decode(existing.value),
            after: decode(value),
          });
        }
        if (existing.note !== note) {
          audit.push({ entity: 'answer', entityId: existing.id, action: 'update', field: 'note', before: existing.note, after: note });
        }
        if (audit.length === 0) return toAnswer(existing);
        saved = { ...existing, ...changed, revision: existing.revision + 1 };
        s.updateAnswer.run(saved);
      }
      s.touchRun.run(now, run.id);
      appendAudit(ctx.store.sqlite, actor, audit);
      return toAnswer(saved);
    });
  },

  'runs:update': (ctx, input) => {
    const actor = requireActor(ctx);
    return ctx.store.db.transaction(() => {
      const run = requireOpenRun(ctx.store, input.id);
      const template = loadTemplateRow(ctx.store, run.template_row_id);
      const before = JSON.parse(run.metadata) as Record<string, string>;
      const label = input.label ?? run.label;
      let metadata = before;
      if (input.metadata) {
        // A merge: named fields are set, a blank value clears its field, fields not named keep their value.
        const given = checkMetadata(template, input.metadata);
        metadata = { ...before };
        for (const key of Object.keys(input.metadata)) {
          if (given[key] === undefined) delete metadata[key];
          else metadata[key] = given[key];
        }
      }
      const changes: AuditChange[] = [];
      if (label !== run.label) {
        changes.push({ entity: 'run', entityId: run.id, action: 'update', field: 'label', before: run.label, after: label });
      }
      for (const key of new Set([...Object.keys(before), ...Object.keys(metadata)])) {
        if (before[key] !== metadata[key]) {
          changes.push({
            entity: 'run',
            entityId: run.id,
            action: 'update',
            field: `metadata.${key}`,
            before: before[key] ?? null,
            after: metadata[key] ?? null,
          });
        }
      }
      if (changes.length === 0) return summaryOf(ctx.store, run);
      const now = nowUtc();
      statements(ctx.store).updateRun.run(label, JSON.stringify(metadata), now, run.id);
      appendAudit(ctx.store.sqlite, actor, changes);
      return summaryOf(ctx.store, { ...run, label, metadata: JSON.stringify(metadata), updated_at: now });
    });
  },
};
